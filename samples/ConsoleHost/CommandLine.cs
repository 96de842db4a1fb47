namespace PushChat.ConsoleHost;

/// <summary>
/// The console host's options: short switches for the usual settings, and any setting by its
/// configuration key (<c>--Chat:HistoryLength 50</c>). Anything else is a typing mistake, refused
/// rather than ignored, so that <c>--prot 9229</c> does not start a chat on the default port.
/// </summary>
internal static class CommandLine
{
    public const string Usage = "Usage: ConsoleHost [--port N] [--listen ADDRESS] [--title TEXT] [--data FOLDER] [--cert FILE [--cert-key FILE]] [--postgres CONNECTION-STRING [--node-id NAME]] [--Chat:Setting VALUE]... | ConsoleHost hash-password";

    /// <summary>The short switches and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--port"] = "Chat:Port",
        ["--listen"] = "Chat:ListenAddress",
        ["--title"] = "Chat:Title",
        ["--data"] = "Chat:DataDirectory",
        ["--cert"] = "Chat:Tls:CertificatePath",
        ["--cert-key"] = "Chat:Tls:KeyPath",
        ["--postgres"] = "Chat:Postgres:ConnectionString",
        ["--node-id"] = "Chat:Postgres:NodeId",
    };

    /// <summary>What is wrong with the arguments, or null when they can be read.</summary>
    public static string? Problem(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                return $"Unexpected argument '{arg}': options start with --.";
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var option = equals < 0 ? arg : arg[..equals];
            if (!Switches.ContainsKey(option) && !option.Contains(':', StringComparison.Ordinal))
            {
                return $"Unknown option {option}.";
            }

            if (equals < 0 && ++i >= args.Count)
            {
                return $"The option {option} needs a value.";
            }
        }

        return null;
    }
}
