# Desktop integration files for `cmake --install`, and the .deb built by CPack from them.
# The programs themselves are installed by app/CMakeLists.txt.
#
#   cmake --preset package && cmake --build build/package && cd build/package && cpack
#
# scripts/check-package.sh builds the .deb that way and installs it on a clean Debian 12.

# GNUInstallDirs and NP_APP_ID come from the top-level CMakeLists.txt.
set(NP_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)

install(FILES ${NP_PACKAGING_DIR}/${NP_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${NP_PACKAGING_DIR}/${NP_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${NP_PACKAGING_DIR}/neural-playground.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${NP_APP_ID}.svg)
# Rendered from the SVG with `rsvg-convert -w 256 -h 256`, for menus that do not read SVG.
install(FILES ${NP_PACKAGING_DIR}/neural-playground-256.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps
        RENAME ${NP_APP_ID}.png)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/neural-playground
        RENAME copyright)

# The lessons are compiled into the app; installed copies let people read them and script with them.
if(EXISTS ${PROJECT_SOURCE_DIR}/resources/lessons)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/lessons/
            DESTINATION ${CMAKE_INSTALL_DATADIR}/neural-playground/lessons
            FILES_MATCHING PATTERN "*.json")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME neural-playground)
set(CPACK_PACKAGE_VENDOR "Neural Playground developers")
set(CPACK_PACKAGE_CONTACT "Neural Playground developers <neural-playground@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop playground for small neural networks")
set(CPACK_PACKAGE_DESCRIPTION "\
Draw or generate 2-D datasets, build a neural network layer by layer and watch the
decision boundary and loss curves change while it trains on its own thread. Made for
teaching in front of a class. Includes neural-playground-cli for scripted training
and exports (JSON, ONNX, safetensors, NPZ).")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# dpkg-shlibdeps (from dpkg-dev) turns the linked Qt and C++ libraries into versioned Depends.
# That includes libqt6svg6 (figure export), whose icon engine plugin also draws the SVG app icon.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Native Wayland sessions; without it Qt falls back to XWayland.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS qt6-wayland)

include(CPack)
