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
# x86-64-v4 (AVX-512: 16-float vectors, 32 registers) when the build machine has it, else
# x86-64-v3 (AVX2 + FMA). The products use half packets for layers of 8 to 15 units
# (smallproduct.h) and the work buffers are padded to 16 floats (padding.h), so every layer
# size vectorises either way; on a CPU with full-width AVX-512 units (Zen 4/5, Xeon) the wide
# layers of deep networks take half the time.
if(NP_NATIVE_ARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    if(NOT DEFINED NP_HOST_HAS_AVX512)
        include(CheckCXXSourceRuns)
        set(CMAKE_REQUIRED_QUIET ON)
        check_cxx_source_runs([[
            int main()
            {
                __builtin_cpu_init();
                return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
                           && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq")
                           && __builtin_cpu_supports("avx512vl") ? 0 : 1;
            }]] NP_HOST_HAS_AVX512)
        unset(CMAKE_REQUIRED_QUIET)
    endif()
    # GCC before 13.3 misaligns stack objects that need more than 32 bytes when ASan moves them
    # to its fake stack (detect_stack_use_after_return, which the asan test preset turns on):
    # with AVX-512 the vectoriser's aligned 64-byte loads of a local array then fault (GCC bug
    # 110027; seen as a SIGSEGV in `std::vector` built from an initializer list). The address
    # sanitizer build of those compilers stays on x86-64-v3, where nothing needs more than 32.
    set(_np_asan_gcc_misaligns OFF)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13.3
       AND CMAKE_CXX_FLAGS MATCHES "-fsanitize=[^ ]*address")
        set(_np_asan_gcc_misaligns ON)
    endif()
    if(NP_HOST_HAS_AVX512 AND NOT _np_asan_gcc_misaligns)
        set(NP_VECTOR_TARGET x86-64-v4)
        # GCC 12.2 (Debian 12) reports `__Y` "used uninitialized" inside its own
        # avx512fintrin.h wherever Eigen's packet code is inlined (GCC bug 105593, fixed in 12.3
        # and 13): those two warnings are off for GCC before 13 in this configuration only.
        target_compile_options(np_compile_options INTERFACE -march=x86-64-v4
            $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-uninitialized -Wno-maybe-uninitialized>)
    else()
        set(NP_VECTOR_TARGET x86-64-v3)
        target_compile_options(np_compile_options INTERFACE -march=x86-64-v3)
    endif()
    message(STATUS "Neural Playground: vector code for ${NP_VECTOR_TARGET}")
endif()
# Eigen's vectorised tanh/exp/logistic approximations (EIGEN_FAST_MATH is on by
# default); we never enable -ffast-math, so NaN checks during training stay valid.
target_compile_definitions(np_compile_options INTERFACE EIGEN_MPL2_ONLY NP_VERSION="${PROJECT_VERSION}")
