using System.Globalization;

namespace PushChat.Benchmarks.Serving;

/// <summary>What the server process is told on its command line.</summary>
internal sealed class ServerSettings
{
    public required string Kind { get; init; }

    /// <summary>History length of the PushChat room. Default 100, the product default.</summary>
    public int History { get; init; } = 100;

    /// <summary>Outbound bound per reader for PushChat and the raw ceiling. Default 256 KiB, PushChat's default.</summary>
    public int QueueBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// The connection string of the PostgreSQL database the chat is shared through, making this
    /// server one node of a scaled-out chat; null for a server on its own.
    /// </summary>
    public string? Backplane { get; init; }

    /// <summary>PushChat's <c>StreamOpenTimeout</c> when set; the product default otherwise.</summary>
    public TimeSpan? StreamOpenTimeout { get; init; }

    /// <summary>
    /// The PFX file of the certificate a TLS server presents (<c>--certificate</c>); null for a
    /// plain server.
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>
    /// For a ceiling sending PushChat's bytes (<c>raw-frame</c>, <c>raw-sse</c>, <c>raw-ws</c>): the
    /// line template taken from PushChat, as <c>LineTemplate.ToString</c> wrote it; null otherwise.
    /// </summary>
    public string? Template { get; init; }

    public static ServerSettings Parse(string[] args)
    {
        string? kind = null;
        var history = 100;
        var queue = 256 * 1024;
        string? backplane = null;
        TimeSpan? streamOpenTimeout = null;
        string? certificate = null;
        string? template = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--serve": kind = args[i + 1]; break;
                case "--history": history = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--queue-bytes": queue = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--backplane": backplane = args[i + 1]; break;
                case "--template": template = args[i + 1]; break;
                case "--stream-open-timeout": streamOpenTimeout = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
                case "--certificate": certificate = args[i + 1]; break;
                default: throw new ArgumentException($"Unknown server option {args[i]}.");
            }
        }

        return new ServerSettings { Kind = kind ?? "pushchat", History = history, QueueBytes = queue, Backplane = backplane, StreamOpenTimeout = streamOpenTimeout, CertificatePath = certificate, Template = template };
    }
}
