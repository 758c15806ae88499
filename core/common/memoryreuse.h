#pragma once

namespace np {

/// Asks the C library to keep freed blocks of up to 32 MiB for reuse instead of handing them
/// back to the system at once. The views build and drop buffers of a few megabytes every frame
/// (a deep network's folding mesh, 20,000 points' activations, images); returned and requested
/// again, each costs page faults that took more time than the arithmetic (26 of 28 ms of an
/// 8 x 64 network's folding mesh). Call once at start-up, before any thread starts. A no-op
/// where the C library is not glibc.
void keepFreedMemoryForReuse();

}  // namespace np
