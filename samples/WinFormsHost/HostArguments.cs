using System;
using System.Globalization;

namespace PushChat.WinFormsHost;

/// <summary>The command line: <c>--port N</c> (0 picks a free port) and <c>--start</c> to listen at once.</summary>
internal sealed class HostArguments
{
    public const int DefaultPort = 9148;

    private HostArguments(int port, bool start)
    {
        Port = port;
        Start = start;
    }

    public int Port { get; }

    public bool Start { get; }

    /// <exception cref="ArgumentException">An argument is unknown or a port is not 0 to 65535.</exception>
    public static HostArguments Parse(string[] args)
    {
        var port = DefaultPort;
        var start = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--start":
                    start = true;
                    break;
                case "--port" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    && value <= 65535:
                    port = value;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete argument '{args[i]}'. Usage: WinFormsHost [--port 0-65535] [--start]");
            }
        }

        return new HostArguments(port, start);
    }
}
