#pragma once

#include "scalar.h"

#include <algorithm>
#include <cassert>

// Eigen's packet types carry vector attributes that GCC says it ignores when they are template
// arguments (-Wignored-attributes); the code never relies on them there. Eigen silences the
// same warning inside its own headers.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
#endif

namespace np {

namespace detail {

/// Packets with masked loads and stores (float on AVX and AVX-512): the last rows of a product
/// whose height is not a whole packet are read and written in place, the missing lanes zero.
template <typename Packet>
concept MaskedPacket = bool(Eigen::internal::unpacket_traits<Packet>::masked_load_available)
                       && bool(Eigen::internal::unpacket_traits<Packet>::masked_store_available);

template <typename Packet>
auto firstLanes(Index count)
{
    return static_cast<typename Eigen::internal::unpacket_traits<Packet>::mask_t>((1u << count) - 1u);
}

/// The first `count` lanes from `from` (0 < count < the packet's size), the others zero.
template <typename Packet, typename T>
inline Packet loadFirst(const T *from, Index count)
{
    return Eigen::internal::ploadu<Packet>(from, firstLanes<Packet>(count));
}

/// Stores the first `count` lanes of p at `to` (0 < count < the packet's size), leaving the
/// entries after them alone. One lane is a scalar store; more are one masked store where the
/// packet has them, else a copy through a stack array, lane by lane (std::copy would call
/// memmove for a few bytes, once per column).
template <typename T, typename Packet>
inline void storeFirst(T *to, const Packet &p, Index count)
{
    namespace ei = Eigen::internal;
    if (count == 1) {
        *to = ei::pfirst(p);
        return;
    }
    if constexpr (MaskedPacket<Packet>) {
        ei::pstoreu<T, Packet>(to, p, firstLanes<Packet>(count));
    } else {
        alignas(64) T tmp[ei::unpacket_traits<Packet>::size];
        ei::pstoreu(tmp, p);
        for (Index i = 0; i < count; ++i)
            to[i] = tmp[i];
    }
}

/// C(r0 : r0 + NP packets, j0 : j0 + NJ) of the product, keeping NP x NJ independent
/// accumulators in registers so the multiply-adds are not waiting on each other. Partial: one
/// packet high with rows < its size, A and bias read with masked loads (MaskedPacket). Always
/// inlined into its loop over the columns: GCC left it a call, which cost about as much as the
/// multiply-adds of a block of a layer of 8.
template <typename T, typename Packet, int NP, int NJ, bool Partial = false>
EIGEN_ALWAYS_INLINE void productBlock(const T *a, Index lda, Index d, const T *b, Index bStrideP, Index bStrideJ,
                         const T *bias, T *c, Index ldc, Index r0, Index j0, Index rows)
{
    namespace ei = Eigen::internal;
    constexpr Index P = ei::unpacket_traits<Packet>::size;
    static_assert(!Partial || NP == 1);
    const auto load = [rows](const T *from) {
        if constexpr (Partial)
            return loadFirst<Packet>(from, rows);
        else
            return ei::ploadu<Packet>(from);
    };
    Packet acc[NJ][NP];
    for (int i = 0; i < NP; ++i) {
        const Packet init = bias ? load(bias + r0 + i * P) : ei::pset1<Packet>(T(0));
        for (int jj = 0; jj < NJ; ++jj)
            acc[jj][i] = init;
    }
    const T *bj = b + j0 * bStrideJ;
    for (Index p = 0; p < d; ++p) {
        Packet ap[NP];
        for (int i = 0; i < NP; ++i)
            ap[i] = load(a + p * lda + r0 + i * P);
        for (int jj = 0; jj < NJ; ++jj) {
            const Packet bb = ei::pset1<Packet>(bj[p * bStrideP + jj * bStrideJ]);
            for (int i = 0; i < NP; ++i)
                acc[jj][i] = ei::pmadd(ap[i], bb, acc[jj][i]);
        }
    }
    for (int jj = 0; jj < NJ; ++jj) {
        T *cj = c + (j0 + jj) * ldc + r0;
        for (int i = 0; i < NP; ++i) {
            if (rows >= (i + 1) * P)
                ei::pstoreu(cj + i * P, acc[jj][i]);
            else  // a partial packet (padded rows): store only the rows that exist
                storeFirst(cj + i * P, acc[jj][i], rows - i * P);
        }
    }
}

template <typename T, typename Packet, int NP, bool Partial = false>
inline void productRows(const T *a, Index lda, Index d, const T *b, Index bStrideP, Index bStrideJ, Index n,
                        const T *bias, T *c, Index ldc, Index r0, Index rows)
{
    // Independent accumulators: about eight packets in flight hide the multiply-add latency; with
    // 32 vector registers (AVX-512, NEON) a 4-packet-high block takes four columns at once, which
    // halves its loads of A per multiply-add. Every column is summed in the same order whichever
    // block computes it, so a column's bits do not depend on n.
    constexpr int NJ = NP >= 4 ? (EIGEN_ARCH_DEFAULT_NUMBER_OF_REGISTERS >= 32 ? 4 : 2) : (NP == 2 ? 4 : 8);
    Index j = 0;
    for (; j + NJ <= n; j += NJ)
        productBlock<T, Packet, NP, NJ, Partial>(a, lda, d, b, bStrideP, bStrideJ, bias, c, ldc, r0, j, rows);
    if constexpr (NJ > 2) {
        for (; j + 2 <= n; j += 2)
            productBlock<T, Packet, NP, 2, Partial>(a, lda, d, b, bStrideP, bStrideJ, bias, c, ldc, r0, j, rows);
    }
    for (; j < n; ++j)
        productBlock<T, Packet, NP, 1, Partial>(a, lda, d, b, bStrideP, bStrideJ, bias, c, ldc, r0, j, rows);
}

/// Writes lane k of p to to[k * stride], k < the packet's size: one row of several columns.
template <typename T, typename Packet>
inline void storeRow(T *to, const Packet &p, Index stride)
{
    namespace ei = Eigen::internal;
    if (stride == 1)
        ei::pstoreu(to, p);
    else
        ei::pscatter<T, Packet>(to, p, stride);
}

/// Columns j0 : j0 + H of rows r0 .. r0 + R - 1 of the product, for fewer rows than a packet
/// holds (a small output layer), vectorised over the columns instead: each packet holds one row
/// of C for H neighbouring columns, so no lane is wasted on missing rows. When B's rows are
/// contiguous (B^T passed, bStrideJ == 1: the weight gradient) they are loaded as they are; else
/// its columns are (bStrideP == 1: the forward pass), and H columns are loaded H entries deep and
/// transposed in registers. Every entry gets the multiply-adds productBlock gives it, in the same
/// order (bias first, then p = 0, 1, ...), so its bits do not depend on which path computed it.
template <typename T, typename Packet, int R>
EIGEN_ALWAYS_INLINE void productColumnBlock(const T *a, Index lda, Index d, const T *b, Index bStrideP, Index bStrideJ,
                               const T *bias, T *c, Index ldc, Index r0, Index j0)
{
    namespace ei = Eigen::internal;
    constexpr int H = ei::unpacket_traits<Packet>::size;
    Packet acc[R];
    for (int i = 0; i < R; ++i)
        acc[i] = ei::pset1<Packet>(bias ? bias[r0 + i] : T(0));
    const T *ar = a + r0;
    if (bStrideJ == 1) {
        for (Index p = 0; p < d; ++p) {
            const Packet bp = ei::ploadu<Packet>(b + p * bStrideP + j0);  // B(p, j0 : j0 + H)
            for (int i = 0; i < R; ++i)
                acc[i] = ei::pmadd(ei::pset1<Packet>(ar[p * lda + i]), bp, acc[i]);
        }
    } else {
        const T *bj = b + j0 * bStrideJ;
        Index p0 = 0;
        for (; p0 + H <= d; p0 += H) {
            ei::PacketBlock<Packet, H> block;  // packet jj: B(p0 : p0 + H, j0 + jj)
            for (int jj = 0; jj < H; ++jj)
                block.packet[jj] = ei::ploadu<Packet>(bj + jj * bStrideJ + p0);
            ei::ptranspose(block);  // packet q: B(p0 + q, j0 : j0 + H)
            for (int q = 0; q < H; ++q) {
                for (int i = 0; i < R; ++i)
                    acc[i] = ei::pmadd(ei::pset1<Packet>(ar[(p0 + q) * lda + i]), block.packet[q], acc[i]);
            }
        }
        if (p0 < d) {
            const Index depth = d - p0;
            ei::PacketBlock<Packet, H> block;
            for (int jj = 0; jj < H; ++jj)
                block.packet[jj] = loadFirst<Packet>(bj + jj * bStrideJ + p0, depth);
            ei::ptranspose(block);
            for (int q = 0; q < H; ++q) {
                if (q < depth) {  // the zero rows past d would turn -0 into +0 and inf into NaN
                    for (int i = 0; i < R; ++i)
                        acc[i] = ei::pmadd(ei::pset1<Packet>(ar[(p0 + q) * lda + i]), block.packet[q], acc[i]);
                }
            }
        }
    }
    for (int i = 0; i < R; ++i)
        storeRow(c + j0 * ldc + r0 + i, acc[i], ldc);
}

/// productColumnBlock over every whole block of H columns, for `rows` (< H) rows. Returns how
/// many columns it computed; the rest are left to productRows. 0 when B is strided both ways.
template <typename T, typename Packet, int R = 1>
Index productColumns(const T *a, Index lda, Index d, const T *b, Index bStrideP, Index bStrideJ, Index n,
                     const T *bias, T *c, Index ldc, Index r0, Index rows)
{
    constexpr int H = Eigen::internal::unpacket_traits<Packet>::size;
    if constexpr (R < H) {
        if (rows != R)
            return productColumns<T, Packet, R + 1>(a, lda, d, b, bStrideP, bStrideJ, n, bias, c, ldc, r0, rows);
        if (bStrideJ != 1 && bStrideP != 1)
            return 0;
        Index j = 0;
        for (; j + H <= n; j += H)
            productColumnBlock<T, Packet, R>(a, lda, d, b, bStrideP, bStrideJ, bias, c, ldc, r0, j);
        return j;
    }
    return 0;
}

/// Rows r..m-1 of smallProduct, fewer than a half packet, where the packets have no masked
/// loads and stores (SSE, double).
template <typename T>
void fewRowsUnmasked(const T *a, Index m, Index d, const T *b, Index bStrideP, Index bStrideJ, Index n,
                     const T *bias, T *c, Index r)
{
    namespace ei = Eigen::internal;
    using Half = typename ei::packet_traits<T>::half;
    constexpr Index H = ei::unpacket_traits<Half>::size;
    constexpr Index kMaxPaddedDepth = 256;
    const Index left = m - r;
    if (bStrideP == 1 && d > kMaxPaddedDepth) {
        // B's columns are contiguous (the forward pass) but too deep to pad: one dot product
        // per entry.
        for (Index j = 0; j < n; ++j) {
            const ConstVectorMap<T> bj(b + j * bStrideJ, d);
            for (Index rr = r; rr < m; ++rr) {
                const Eigen::Map<const Vector<T>, 0, Eigen::InnerStride<>> row(a + rr, d, Eigen::InnerStride<>(m));
                c[j * m + rr] = (bias ? bias[rr] : T(0)) + row.dot(bj);
            }
        }
        return;
    }
    if (d <= kMaxPaddedDepth) {
        // Copy the rows into a zero-padded block one half packet high so they vectorise too,
        // with several columns in flight.
        alignas(64) T padded[H * kMaxPaddedDepth];
        alignas(64) T paddedBias[H] = {};
        std::fill(padded, padded + H * d, T(0));
        for (Index p = 0; p < d; ++p) {
            for (Index i = 0; i < left; ++i)
                padded[p * H + i] = a[p * m + r + i];
        }
        if (bias)
            std::copy(bias + r, bias + m, paddedBias);
        detail::productRows<T, Half, 1>(padded, H, d, b, bStrideP, bStrideJ, n, bias ? paddedBias : nullptr, c + r,
                                        m, 0, left);
        return;
    }
    for (Index j = 0; j < n; ++j) {
        const T *bj = b + j * bStrideJ;
        for (Index rr = r; rr < m; ++rr) {
            T sum = bias ? bias[rr] : T(0);
            for (Index p = 0; p < d; ++p)
                sum += a[p * m + rr] * bj[p * bStrideP];
            c[j * m + rr] = sum;
        }
    }
}

}  // namespace detail

/// C = A B (+ bias added to every column) for the small matrices of these networks, where
/// Eigen's general GEMM spends more time packing than multiplying (batches of 10, layers of 8).
/// Vectorised over rows with Eigen's packet primitives, so it follows SSE/AVX/NEON and float/double.
///
/// A is m x d column-major; B(p, j) = b[p * bStrideP + j * bStrideJ] (so B or B^T may be passed
/// without copying); C is m x n column-major and must not alias A or B.
template <typename T>
void smallProduct(const T *a, Index m, Index d, const T *b, Index bStrideP, Index bStrideJ, Index n,
                  const T *bias, T *c)
{
    namespace ei = Eigen::internal;
    using Packet = typename ei::packet_traits<T>::type;
    // Half a packet (8 floats of AVX-512, 4 of AVX): a layer of 8 units fills it instead of
    // leaving half of a full packet empty. SSE has no smaller packet (Half is Packet itself).
    using Half = typename ei::packet_traits<T>::half;
    constexpr Index P = ei::unpacket_traits<Packet>::size;
    constexpr Index H = ei::unpacket_traits<Half>::size;

    Index r = 0;
    for (; r + 4 * P <= m; r += 4 * P)
        detail::productRows<T, Packet, 4>(a, m, d, b, bStrideP, bStrideJ, n, bias, c, m, r, 4 * P);
    for (; r + 2 * P <= m; r += 2 * P)
        detail::productRows<T, Packet, 2>(a, m, d, b, bStrideP, bStrideJ, n, bias, c, m, r, 2 * P);
    for (; r + P <= m; r += P)
        detail::productRows<T, Packet, 1>(a, m, d, b, bStrideP, bStrideJ, n, bias, c, m, r, P);
    if constexpr (H < P) {
        for (; r + H <= m; r += H)
            detail::productRows<T, Half, 1>(a, m, d, b, bStrideP, bStrideJ, n, bias, c, m, r, H);
    }
    const Index left = m - r;
    if (left == 0)
        return;
    // Fewer rows than a (half) packet: a small output layer's forward pass, or its weight
    // gradient. Every column is computed the same way whatever n is, so a point's output does
    // not depend on the batch it is in.
    if constexpr (detail::MaskedPacket<Half>) {
        // Vectorised over the columns, then the last few columns with masked loads and stores
        // in place, several columns in flight.
        const Index j = detail::productColumns<T, Half>(a, m, d, b, bStrideP, bStrideJ, n, bias, c, m, r, left);
        detail::productRows<T, Half, 1, true>(a, m, d, b + j * bStrideJ, bStrideP, bStrideJ, n - j, bias, c + j * m,
                                              m, r, left);
    } else
        detail::fewRowsUnmasked(a, m, d, b, bStrideP, bStrideJ, n, bias, c, r);
}

namespace detail {

/// t = w^T for w m x d and t d x m, both packed column-major: square blocks of a half packet
/// transposed in registers, the edges entry by entry.
template <typename T>
void transpose(const T *w, Index m, Index d, T *t)
{
    namespace ei = Eigen::internal;
    using Half = typename ei::packet_traits<T>::half;
    constexpr int H = ei::unpacket_traits<Half>::size;
    const Index mBlocks = m / H * H, dBlocks = d / H * H;
    for (Index r0 = 0; r0 < mBlocks; r0 += H) {
        for (Index k0 = 0; k0 < dBlocks; k0 += H) {
            ei::PacketBlock<Half, H> block;  // packet q: w(r0 : r0 + H, k0 + q)
            for (int q = 0; q < H; ++q)
                block.packet[q] = ei::ploadu<Half>(w + (k0 + q) * m + r0);
            ei::ptranspose(block);  // packet i: w(r0 + i, k0 : k0 + H) = t(k0 : k0 + H, r0 + i)
            for (int i = 0; i < H; ++i)
                ei::pstoreu(t + (r0 + i) * d + k0, block.packet[i]);
        }
    }
    for (Index k = 0; k < dBlocks; ++k) {  // the rows below the blocks
        for (Index r = mBlocks; r < m; ++r)
            t[k + r * d] = w[r + k * m];
    }
    for (Index k = dBlocks; k < d; ++k) {  // the columns right of them
        for (Index r = 0; r < m; ++r)
            t[k + r * d] = w[r + k * m];
    }
}

/// True when m's entries lie column after column with no gaps, as smallProduct reads them.
template <typename M>
bool isPacked(const M &m)
{
    return m.innerStride() == 1 && (m.cols() <= 1 || m.outerStride() == m.rows());
}

}  // namespace detail

// The three products of a layer, in the notes' notation. Each takes packed column-major
// matrices (Matrix, or a Map of one); the output must not alias an input.

/// z = W a + b, one sample per column: W is m x d, a is d x n, z is m x n, and b holds m biases
/// (nullptr: z = W a). Each column is computed the same way whatever n is, so a sample's z does
/// not depend on the batch it is in.
template <typename MW, typename MA, typename MZ>
void affine(const MW &W, const MA &a, const typename MW::Scalar *b, MZ &&z)
{
    assert(a.rows() == W.cols() && z.rows() == W.rows() && z.cols() == a.cols());
    assert(detail::isPacked(W) && detail::isPacked(a) && detail::isPacked(z));
    smallProduct<typename MW::Scalar>(W.data(), W.rows(), W.cols(), a.data(), 1, a.rows(), a.cols(), b, z.data());
}

/// dW = delta a^T, the outer products delta_j a_j^T summed over the batch's n columns:
/// delta is m x n, a is d x n, dW is m x d. a^T is read in place.
template <typename MD, typename MA, typename MW>
void outer(const MD &delta, const MA &a, MW &&dW)
{
    assert(a.cols() == delta.cols() && dW.rows() == delta.rows() && dW.cols() == a.rows());
    assert(detail::isPacked(delta) && detail::isPacked(a) && detail::isPacked(dW));
    smallProduct<typename MD::Scalar>(delta.data(), delta.rows(), delta.cols(), a.data(), a.rows(), 1, a.rows(),
                                      nullptr, dW.data());
}

/// out = W^T delta, the gradient passed back to the previous layer's a: W is m x d, delta is
/// m x n, out is d x n. W^T is first copied into wT (d x m), so the product vectorises over the
/// rows of out (unless W is a single row or column, already laid out as its transpose).
template <typename MW, typename MD, typename MT, typename MO>
void transposedTimes(const MW &W, const MD &delta, MT &&wT, MO &&out)
{
    assert(delta.rows() == W.rows() && wT.rows() == W.cols() && wT.cols() == W.rows());
    assert(out.rows() == W.cols() && out.cols() == delta.cols());
    assert(detail::isPacked(W) && detail::isPacked(delta) && detail::isPacked(wT) && detail::isPacked(out));
    // A single row or column is its own transpose in memory (a 1-unit output layer's W).
    const typename MW::Scalar *t = W.data();
    if (W.rows() > 1 && W.cols() > 1) {
        detail::transpose(W.data(), W.rows(), W.cols(), wT.data());
        t = wT.data();
    }
    smallProduct<typename MW::Scalar>(t, wT.rows(), wT.cols(), delta.data(), 1, delta.rows(), delta.cols(), nullptr,
                                      out.data());
}

/// db = delta 1, the sum of delta's n columns (delta is m x n, db holds m entries): the bias
/// gradient. Vectorised down the rows, each entry adding its columns in order (delta_0 + delta_1
/// + ...), so it does not depend on which block of rows it falls in. Eigen's own loop over a
/// column of a layer of 8 runs scalar under AVX-512, whose packets hold 16.
template <typename MD, typename MB>
void columnSum(const MD &delta, MB &&db)
{
    using T = typename MD::Scalar;
    namespace ei = Eigen::internal;
    using Packet = typename ei::packet_traits<T>::type;
    using Half = typename ei::packet_traits<T>::half;
    constexpr Index P = ei::unpacket_traits<Packet>::size;
    constexpr Index H = ei::unpacket_traits<Half>::size;
    assert(db.size() == delta.rows() && detail::isPacked(delta) && db.innerStride() == 1);
    const Index m = delta.rows(), n = delta.cols();
    const T *d = delta.data();
    T *out = db.data();
    if (n == 0) {
        std::fill(out, out + m, T(0));
        return;
    }
    Index r = 0;
    for (; r + P <= m; r += P) {
        Packet sum = ei::ploadu<Packet>(d + r);
        for (Index c = 1; c < n; ++c)
            sum = ei::padd(sum, ei::ploadu<Packet>(d + c * m + r));
        ei::pstoreu(out + r, sum);
    }
    if constexpr (H < P) {
        for (; r + H <= m; r += H) {
            Half sum = ei::ploadu<Half>(d + r);
            for (Index c = 1; c < n; ++c)
                sum = ei::padd(sum, ei::ploadu<Half>(d + c * m + r));
            ei::pstoreu(out + r, sum);
        }
    }
    for (; r < m; ++r) {
        T sum = d[r];
        for (Index c = 1; c < n; ++c)
            sum += d[c * m + r];
        out[r] = sum;
    }
}

}  // namespace np

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
