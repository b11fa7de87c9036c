using System.Numerics.Tensors;

namespace Affinity.Core.Kernels;

/// <summary>What <see cref="PackedGemm.Multiply"/> does with each computed tile.</summary>
internal enum GemmUpdate
{
    /// <summary>C = A B^T.</summary>
    Store,

    /// <summary>C -= A B^T, on and below the diagonal only (a symmetric rank-k update); the strict upper triangle is never written.</summary>
    SubtractLower,
}

/// <summary>
/// Single-precision C = A B^T (or C -= A B^T on the lower triangle) over operands packed into
/// panels, the BLIS loop order: a thread takes a block of A panels (kept in L2), runs through the B
/// panels (each kept in L1 while every A panel of the block meets it) and lets a
/// <see cref="GemmKernels"/> micro-kernel hold each tile in registers. Both operands are row-major
/// with the shared dimension ("depth") along the row, so packing is a gather of whole rows.
/// </summary>
internal static class PackedGemm
{
    /// <summary>Below this many multiply-adds a call runs on the calling thread.</summary>
    private const long SerialWork = 1 << 18;

    /// <summary>The length of the buffer that <see cref="Pack"/> fills for <paramref name="rows"/> rows in panels of <paramref name="height"/>.</summary>
    public static int PackedLength(int rows, int depth, int height) => checked(((rows + height - 1) / height) * height * depth);

    /// <summary>
    /// Packs rows 0..rows-1 of a row-major matrix (row stride <paramref name="ld"/>, <paramref name="depth"/>
    /// columns) into panels of <paramref name="height"/> rows interleaved by depth:
    /// <c>packed[p * depth * height + k * height + r] = source[(p * height + r) * ld + k]</c>, zero past the last row.
    /// </summary>
    public static void Pack(ReadOnlyMemory<float> source, int ld, int rows, int depth, int height, Memory<float> packed, ParallelOptions options)
    {
        var panels = (rows + height - 1) / height;
        const int PanelsPerTask = 16;
        var tasks = (panels + PanelsPerTask - 1) / PanelsPerTask;
        Run(tasks, (long)rows * depth, options, task =>
        {
            var src = source.Span;
            var dst = packed.Span;
            var end = Math.Min(panels, (task + 1) * PanelsPerTask);
            for (var p = task * PanelsPerTask; p < end; p++)
            {
                var panel = dst.Slice(p * depth * height, depth * height);
                for (var r = 0; r < height; r++)
                {
                    var row = (p * height) + r;
                    if (row >= rows)
                    {
                        for (var k = 0; k < depth; k++)
                        {
                            panel[(k * height) + r] = 0;
                        }

                        continue;
                    }

                    var line = src.Slice(row * ld, depth);
                    for (var k = 0; k < depth; k++)
                    {
                        panel[(k * height) + r] = line[k];
                    }
                }
            }
        });
    }

    /// <summary>
    /// C = A B^T or C -= A B^T (lower triangle) for A packed in panels of the kernel's row count
    /// (<paramref name="rows"/> rows) and B packed in panels of its column count (<paramref name="columns"/> rows).
    /// C is row-major with row stride <paramref name="ldc"/>; with <see cref="GemmUpdate.SubtractLower"/>
    /// it is square (rows = columns) and only entries with column &lt;= row change.
    /// </summary>
    public static void Multiply(
        GemmKernel kernel,
        ReadOnlyMemory<float> packedA,
        int rows,
        ReadOnlyMemory<float> packedB,
        int columns,
        int depth,
        Memory<float> c,
        int ldc,
        GemmUpdate update,
        ParallelOptions options)
    {
        var (mr, nr) = GemmKernels.Shape(kernel);
        var aPanels = (rows + mr - 1) / mr;
        var bPanels = (columns + nr - 1) / nr;
        var threads = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;

        // 32 panels of A (256 rows at 8 x 32) keep a 256-deep block within L2; fewer when that would starve threads.
        var panelsPerBlock = Math.Clamp(aPanels / (4 * threads), 1, 32);
        var blocks = (aPanels + panelsPerBlock - 1) / panelsPerBlock;
        var lower = update == GemmUpdate.SubtractLower;
        Run(blocks, (long)rows * columns * depth, options, index =>
        {
            // The lower triangle's bottom blocks hold the most work: start them first so threads finish together.
            var block = lower ? blocks - 1 - index : index;
            Span<float> tile = stackalloc float[mr * nr];
            var a = packedA.Span;
            var b = packedB.Span;
            var target = c.Span;
            var p0 = block * panelsPerBlock;
            var p1 = Math.Min(aPanels, p0 + panelsPerBlock);
            var rowEnd = Math.Min(rows, p1 * mr);
            var qEnd = lower ? Math.Min(bPanels, (rowEnd + nr - 1) / nr) : bPanels;
            for (var q = 0; q < qEnd; q++)
            {
                var c0 = q * nr;
                var bPanel = b.Slice(q * depth * nr, depth * nr);
                for (var p = p0; p < p1; p++)
                {
                    var r0 = p * mr;
                    if (lower && r0 + mr - 1 < c0)
                    {
                        continue;
                    }

                    GemmKernels.Run(kernel, a.Slice(p * depth * mr, depth * mr), bPanel, depth, tile);
                    WriteTile(tile, nr, target, ldc, r0, Math.Min(mr, rows - r0), c0, Math.Min(nr, columns - c0), lower);
                }
            }
        });
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1, in parallel unless the work is small or one thread is asked for.</summary>
    public static void Run(int count, long work, ParallelOptions options, Action<int> body)
    {
        if (count <= 1 || work < SerialWork || options.MaxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, options, body);
    }

    private static void WriteTile(ReadOnlySpan<float> tile, int nr, Span<float> c, int ldc, int r0, int rowCount, int c0, int columnCount, bool lower)
    {
        for (var i = 0; i < rowCount; i++)
        {
            var row = r0 + i;
            var count = lower ? Math.Min(columnCount, row - c0 + 1) : columnCount;
            if (count <= 0)
            {
                continue;
            }

            var source = tile.Slice(i * nr, count);
            var destination = c.Slice((row * ldc) + c0, count);
            if (lower)
            {
                TensorPrimitives.Subtract(destination, source, destination);
            }
            else
            {
                source.CopyTo(destination);
            }
        }
    }
}
