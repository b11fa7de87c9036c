using System.Reflection;

namespace Affinity.Architecture.Tests;

/// <summary>The references between projects that ARCHITECTURE.md draws, enforced on the built assemblies.</summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Affinity.Core", [] },
        { "Affinity.Models", ["Affinity.Core"] },
        { "Affinity.Evaluation", ["Affinity.Core"] },
        { "Affinity.Storage", ["Affinity.Core"] },
        { "Affinity.Storage.Postgres", ["Affinity.Storage"] },
        { "Affinity.Server", ["Affinity.Core", "Affinity.Models", "Affinity.Storage", "Affinity.Storage.Postgres"] },
    };

    [Fact]
    public void Nothing_but_the_cli_references_the_server()
    {
        foreach (var assembly in new[] { "Affinity.Core", "Affinity.Models", "Affinity.Evaluation", "Affinity.Storage", "Affinity.Storage.Postgres" })
        {
            Assert.DoesNotContain("Affinity.Server", Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!));
        }

        Assert.Contains("Affinity.Server", Assembly.Load("affinity").GetReferencedAssemblies().Select(a => a.Name!));
    }

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Project_references_only_what_the_architecture_allows(string assembly, string[] allowed)
    {
        var referenced = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Affinity.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.All(referenced, name => Assert.Contains(name, allowed));
    }

    [Fact]
    public void Core_depends_on_nothing_heavy()
    {
        var packages = Assembly.Load("Affinity.Core").GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        var allowedPrefixes = new[] { "System", "Microsoft.Extensions.Logging.Abstractions", "netstandard", "mscorlib" };

        Assert.All(packages, name => Assert.Contains(allowedPrefixes, prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Only_the_storage_projects_touch_a_database()
    {
        foreach (var assembly in new[] { "Affinity.Core", "Affinity.Models", "Affinity.Evaluation" })
        {
            var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToArray();
            Assert.DoesNotContain(references, name => name.StartsWith("Affinity.Storage", StringComparison.Ordinal));
            Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal));
            Assert.DoesNotContain("Npgsql", references);
        }

        // The embedded store must not drag in the PostgreSQL driver; only Affinity.Storage.Postgres does.
        Assert.DoesNotContain("Npgsql", Assembly.Load("Affinity.Storage").GetReferencedAssemblies().Select(a => a.Name!));
        Assert.Contains("Npgsql", Assembly.Load("Affinity.Storage.Postgres").GetReferencedAssemblies().Select(a => a.Name!));
    }

    [Fact]
    public void Libraries_do_not_reference_console_or_command_line_packages()
    {
        foreach (var assembly in new[] { "Affinity.Core", "Affinity.Models", "Affinity.Evaluation", "Affinity.Storage", "Affinity.Storage.Postgres" })
        {
            var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToArray();
            Assert.DoesNotContain("Spectre.Console", references);
            Assert.DoesNotContain("System.CommandLine", references);
        }
    }
}
