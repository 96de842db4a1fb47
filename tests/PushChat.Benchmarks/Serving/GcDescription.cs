using System.Runtime;
using System.Text;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// Says on standard error which garbage collector the server process got, so that a run's log shows
/// the settings it measured (the environment overrides runtimeconfig.json, and a mistyped variable
/// would otherwise go unnoticed).
/// </summary>
internal static class GcDescription
{
    public static void Print()
    {
        var text = new StringBuilder();
        text.Append("GC: ").Append(GCSettings.IsServerGC ? "server" : "workstation")
            .Append(", latency mode ").Append(GCSettings.LatencyMode);
        foreach (var (name, value) in GC.GetConfigurationVariables().OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Append(", ").Append(name).Append('=').Append(value);
        }

        Console.Error.WriteLine(text.ToString());
    }
}
