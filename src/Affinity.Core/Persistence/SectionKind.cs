namespace Affinity.Core.Persistence;

/// <summary>The element type of a model file section; the byte values are part of the format.</summary>
internal enum SectionKind : byte
{
    Single = 1,
    Int32 = 2,
    Double = 3,
    Int64 = 4,
    Strings = 5,
}
