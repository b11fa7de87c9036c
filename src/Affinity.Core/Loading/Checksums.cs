using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Affinity.Core.Loading;

/// <summary>Hashes files and compares them with pinned checksums.</summary>
internal static class Checksums
{
    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The id Git gives a file's content, to check a copy against a published blob id.</summary>
    public static string GitBlobSha1OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {stream.Length}\0")));
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Checks a file against its pinned checksums.</summary>
    /// <exception cref="InvalidDataException">A checksum differs; the message names the file and both values.</exception>
    public static void Verify(FileChecksum pinned, string path)
    {
        if (pinned.Sha256 is not null)
        {
            Compare(pinned.RelativePath, "SHA-256", pinned.Sha256, Sha256OfFile(path));
        }

        if (pinned.GitBlobSha1 is not null)
        {
            Compare(pinned.RelativePath, "Git blob id", pinned.GitBlobSha1, GitBlobSha1OfFile(path));
        }
    }

    public static void Compare(string what, string algorithm, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{what}: {algorithm} mismatch: expected {expected}, actual {actual}. The file is damaged or a different version; it was not used.");
        }
    }
}
