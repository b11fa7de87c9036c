namespace Affinity.Cli.Hosting;

/// <summary>An error the user can fix, with the exit code that says which kind it is.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    /// <summary>The process exit status for this error.</summary>
    public int ExitCode { get; } = exitCode;
}
