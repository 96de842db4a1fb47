namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// The garbage collector settings a run may start its server processes with (<c>--gc NAME[,Key=Value…]</c>),
/// as the <c>DOTNET_*</c> environment variables a host would set, so that hosts can be told which
/// settings to use from measurements rather than guesses. Environment variables override the
/// program's runtimeconfig.json (workstation, concurrent), so every profile sets the GC's kind itself.
/// </summary>
internal static class GcProfiles
{
    /// <summary>Every profile name, in the order the help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "default", "workstation", "workstation-nonconcurrent", "server", "server-datas", "server-1heap", "conserve", "sample-host",
    };

    /// <summary>
    /// The environment of a server process for a profile, optionally followed by extra settings
    /// (<c>GCgen0size=0x400000</c>: the name without <c>DOTNET_</c>, numbers in hexadecimal as the runtime reads them).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(string spec)
    {
        var parts = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw Unknown(spec);
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string value) => variables["DOTNET_" + name] = value;
        switch (parts[0])
        {
            case "default":
                // The program's runtimeconfig.json: workstation, concurrent.
                break;
            case "workstation":
                Set("gcServer", "0");
                Set("gcConcurrent", "1");
                break;
            case "workstation-nonconcurrent":
                Set("gcServer", "0");
                Set("gcConcurrent", "0");
                break;
            case "server":
                // DATAS is on by default with server GC since .NET 9: switched off here to measure classic server GC.
                Set("gcServer", "1");
                Set("gcConcurrent", "1");
                Set("GCDynamicAdaptationMode", "0");
                break;
            case "server-datas":
                Set("gcServer", "1");
                Set("gcConcurrent", "1");
                Set("GCDynamicAdaptationMode", "1");
                break;
            case "server-1heap":
                // One heap on any core, not affinitized: server GC's collector without a heap per core.
                Set("gcServer", "1");
                Set("gcConcurrent", "1");
                Set("GCDynamicAdaptationMode", "0");
                Set("GCHeapCount", "1");
                Set("GCNoAffinitize", "1");
                break;
            case "conserve":
                // Workstation with the collector compacting sooner to keep fragmentation low (level 0-9).
                Set("gcServer", "0");
                Set("gcConcurrent", "1");
                Set("GCConserveMemory", "5");
                break;
            case "sample-host":
                // What samples/ConsoleHost ships in its runtimeconfig.json: workstation, concurrent, gen0's
                // budget capped at 16 MiB (the runtime sizes it from the CPU cache: 80 MB on a 260 MB L3).
                Set("gcServer", "0");
                Set("gcConcurrent", "1");
                Set("GCGen0MaxBudget", "0x1000000");
                break;
            default:
                throw Unknown(parts[0]);
        }

        foreach (var extra in parts.Skip(1))
        {
            var equals = extra.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == extra.Length - 1)
            {
                throw new ArgumentException($"--gc: '{extra}' is not Key=Value.");
            }

            Set(extra[..equals], extra[(equals + 1)..]);
        }

        return variables;
    }

    private static ArgumentException Unknown(string name) =>
        new($"Unknown GC profile '{name}' ({string.Join(", ", Names)}), optionally followed by ,Key=Value settings.");
}
