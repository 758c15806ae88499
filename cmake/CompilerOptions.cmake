# Warnings and optimisation flags shared by every target of the project.
add_library(np_compile_options INTERFACE)
target_compile_options(np_compile_options INTERFACE
    -Wall -Wextra -Wpedantic
    # GCC 12 reports a false -Wrestrict inside libstdc++ for `"text" + std::string` at -O3
    # (GCC bug 105651, fixed in GCC 13); every error message here is built that way.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
    $<$<CONFIG:Release,RelWithDebInfo>:-O3>
    # Every multiply and add rounds as written. GCC would otherwise fuse some of them into FMAs
    # in scalar code but not in Eigen's vector code, so the same formula could round differently
    # for elements that fall into a loop's scalar tail - and units that ought to stay identical
    # (zero initialisation) would drift apart. Explicit FMAs (products, exp, tanh) are unaffected.
    -ffp-contract=off)
# Only on x86-64: elsewhere the compiler's default target is used whatever the option says.
if(NP_NATIVE_ARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    # x86-64-v3 (AVX2 + FMA): 8-float vectors match the small layers these networks have,
    # and it avoids GCC 12's false -Wmaybe-uninitialized reports inside the AVX-512 headers.
    target_compile_options(np_compile_options INTERFACE -march=x86-64-v3)
endif()
# Eigen's vectorised tanh/exp/logistic approximations (EIGEN_FAST_MATH is on by
# default); we never enable -ffast-math, so NaN checks during training stay valid.
target_compile_definitions(np_compile_options INTERFACE EIGEN_MPL2_ONLY NP_VERSION="${PROJECT_VERSION}")
