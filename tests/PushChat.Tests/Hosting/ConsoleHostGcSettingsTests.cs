using System.Text.Json;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>
/// The console host ships with the garbage collector settings the benchmarks measured for a chat
/// server (workstation, concurrent, a small gen0 budget), in its runtimeconfig.json, so a host that
/// copies the sample gets them without knowing the runtime's switches.
/// </summary>
[TestClass]
public sealed class ConsoleHostGcSettingsTests
{
    [TestMethod]
    public void The_host_runs_workstation_concurrent_GC()
    {
        var properties = ConfigProperties();

        Assert.IsFalse(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.IsTrue(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }

    [TestMethod]
    public void The_hosts_gen0_budget_is_capped_so_garbage_does_not_grow_with_the_cache()
    {
        // The runtime sizes gen0 from the largest cache it sees: 80 MB on a machine reporting a
        // 260 MB L3, which a server with few allocations keeps as resident garbage.
        var budget = ConfigProperties().GetProperty("System.GC.Gen0MaxBudget").GetInt64();

        Assert.IsTrue(budget is >= 1024 * 1024 and <= 32 * 1024 * 1024, $"System.GC.Gen0MaxBudget = {budget}");
    }

    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot(), "samples", "ConsoleHost", "bin",
#if DEBUG
            "Debug",
#else
            "Release",
#endif
            "net10.0", "ConsoleHost.runtimeconfig.json");
        Assert.IsTrue(File.Exists(path), $"ConsoleHost was not built: {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.IsTrue(document.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties), "no configProperties");
        return properties.Clone();
    }
}
