using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Affinity.Storage.Tests.Fixtures;

/// <summary>
/// The PostgreSQL server for one test run: the one named by <c>AFFINITY_TEST_POSTGRES</c> (an Npgsql
/// connection string of a user who may create databases) when set; otherwise a private cluster
/// started here, in a temporary folder, listening only on a Unix socket in that folder, and stopped
/// and deleted at the end. As root it runs the PostgreSQL programs as the <c>postgres</c> user
/// (initdb refuses root). Without PostgreSQL installed, every test that needs it fails with a
/// message saying how to install it: nothing is skipped.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Variable = "AFFINITY_TEST_POSTGRES";

    private const string ServiceUser = "postgres";

    private readonly string? _root;
    private readonly string? _pgCtl;
    private readonly bool _asServiceUser;

    public PostgresServer()
    {
        var external = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            Description = "the server named by " + Variable;
            return;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed, and the PostgreSQL store tests need it. Install it "
            + "(Debian/Ubuntu: apt-get install postgresql-15; any version 13 or later works: the tests look for pg_ctl and "
            + "initdb on PATH and in /usr/lib/postgresql/*/bin) or set " + Variable + " to the connection string of a "
            + "running server, e.g. \"Host=localhost;Username=postgres;Password=...\".");
        _asServiceUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        _root = Directory.CreateTempSubdirectory("affinity-pg-").FullName;
        try
        {
            if (_asServiceUser)
            {
                Run("chown", [ServiceUser + ":", _root], asServiceUser: false);
            }

            var data = Path.Combine(_root, "data");
            _pgCtl = Path.Combine(bin, "pg_ctl");
            Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], _asServiceUser);
            var port = FreePort();

            // No TCP listener at all (the port only names the socket), and no fsync: a throwaway cluster.
            var settings = $"-p {port} -k {_root} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            Run(_pgCtl, ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", settings, "start"], _asServiceUser);
            AdminConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = _root,
                Port = port,
                Username = ServiceUser,
                Database = "postgres",
                Pooling = false,
            }.ToString();
            Description = $"a private cluster in {_root} ({bin})";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Connects as a user who may create databases.</summary>
    public string AdminConnectionString { get; } = string.Empty;

    /// <summary>Where the server is, for messages.</summary>
    public string Description { get; } = string.Empty;

    public void Dispose()
    {
        if (_root is null)
        {
            return;
        }

        if (_pgCtl is not null)
        {
            try
            {
                Run(_pgCtl, ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], _asServiceUser);
            }
            catch (InvalidOperationException)
            {
                // Already stopped (the start failed): nothing to stop.
            }
        }

        Directory.Delete(_root, recursive: true);
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(folder);
        }

        // Debian and Ubuntu keep the server programs off PATH, one folder per major version: newest first.
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            candidates.AddRange(Directory.GetDirectories(Debian)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string[] arguments, bool asServiceUser)
    {
        var start = new ProcessStartInfo(asServiceUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var a in (string[])["-u", ServiceUser, "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}"
                + (asServiceUser ? $" (run as the '{ServiceUser}' user; root needs that user for initdb)" : string.Empty)
                + $":\n{output.Result}\n{errors.Result}");
        }
    }
}
