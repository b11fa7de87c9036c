using System.Security.Cryptography;
using Affinity.Core.Data;
using Spectre.Console;

namespace Affinity.Cli.Hosting;

/// <summary>Runs a command body and turns the errors a user can meet into a clear message and a meaningful exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>, reporting failures on <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(IAnsiConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliException e)
        {
            return Fail(console, e.Message, e.ExitCode);
        }
        catch (DataFormatException e)
        {
            return Fail(console, e.Message, ExitCodes.BadData);
        }
        catch (CryptographicException e)
        {
            return Fail(console, e.Message, ExitCodes.ChecksumMismatch);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return Fail(console, e.Message, ExitCodes.DataNotFound);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Fail(console, e.Message, ExitCodes.Usage);
        }
        catch (OperationCanceledException)
        {
            return Fail(console, "Cancelled.", ExitCodes.Cancelled);
        }
    }

    /// <summary>Runs a synchronous command body.</summary>
    public static Task<int> RunAsync(IAnsiConsole console, Func<int> body) => RunAsync(console, () => Task.FromResult(body()));

    private static int Fail(IAnsiConsole console, string message, int code)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return code;
    }
}
