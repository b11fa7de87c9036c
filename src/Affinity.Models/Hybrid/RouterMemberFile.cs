using System.Runtime.InteropServices;
using Affinity.Core.Persistence;

namespace Affinity.Models.Hybrid;

/// <summary>A complete model file nested in a section of the router's file, as bytes packed into 32-bit words with the byte length first.</summary>
internal static class RouterMemberFile
{
    /// <summary>Saves <paramref name="model"/> through the catalogue and writes its file as section <paramref name="name"/>.</summary>
    public static void Write(ModelWriter writer, string name, ModelCatalog catalog, IPersistableModel model)
    {
        using var file = new MemoryStream();
        catalog.Save(model, file);
        var bytes = file.ToArray();
        var packed = new int[1 + ((bytes.Length + 3) / 4)];
        packed[0] = bytes.Length;
        bytes.CopyTo(MemoryMarshal.AsBytes(packed.AsSpan(1)));
        writer.Write(name, packed);
    }

    /// <summary>Reads section <paramref name="name"/> back into a model through the catalogue.</summary>
    /// <exception cref="InvalidDataException">The section is truncated or holds no loadable model.</exception>
    public static IPersistableModel Read(ModelReader reader, string name, ModelCatalog catalog)
    {
        var packed = reader.ReadInt32s(name);
        if (packed.Length == 0 || packed[0] < 0 || (packed.Length - 1) * 4L < packed[0])
        {
            throw reader.Invalid(name, "the nested model file is truncated.");
        }

        using var file = new MemoryStream(MemoryMarshal.AsBytes(packed.AsSpan(1))[..packed[0]].ToArray());
        return catalog.Load(file, $"{reader.Source} ({name})");
    }
}
