namespace Affinity.Cli.Hosting;

/// <summary>What the <c>affinity</c> process's exit status means.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected error (a bug, an I/O failure).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: an unknown option, model, protocol or dataset name.</summary>
    public const int Usage = 2;

    /// <summary>The dataset could not be found locally (fetch or import it first).</summary>
    public const int DataNotFound = 3;

    /// <summary>The input data is malformed; the message names the file, line and field.</summary>
    public const int BadData = 4;

    /// <summary>A download or local copy did not match its published checksum.</summary>
    public const int ChecksumMismatch = 5;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
