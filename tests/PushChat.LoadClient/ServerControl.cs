using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PushChat.LoadClient;

/// <summary>What the server process reports about itself.</summary>
public sealed record ServerStats(long CpuMicros, long RssKb, long ManagedBytes, long DroppedSlowReaders, long Connections, long PoolPending, long PoolThreads, long GcCount, long GcPauseMicros, long Gen1Count = 0, long Gen2Count = 0, long AllocatedBytes = 0, long Joined = -1, long CommittedBytes = 0);

/// <summary>The server process's control port: one text line per question ("stats", or "gc" to collect first).</summary>
internal sealed class ServerControl
{
    private readonly IPEndPoint _endPoint;

    public ServerControl(IPEndPoint endPoint) => _endPoint = endPoint;

    public ServerStats Stats() => Ask("stats");

    /// <summary>Forces a full compacting collection first, so managed and RSS figures are comparable.</summary>
    public ServerStats CollectAndStats() => Ask("gc");

    private ServerStats Ask(string command)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(_endPoint);
        socket.Send(Encoding.ASCII.GetBytes(command + "\n"));
        var buffer = new byte[1024];
        var length = 0;
        while (length == 0 || buffer[length - 1] != (byte)'\n')
        {
            var read = socket.Receive(buffer.AsSpan(length));
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var fields = Encoding.ASCII.GetString(buffer, 0, length).Trim().Split(' ')
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        return new ServerStats(fields["cpu_us"], fields["rss_kb"], fields["managed"], fields["dropped"], fields["connections"], fields["pool_pending"], fields["pool_threads"], fields["gc_count"], fields["gc_pause_us"],
            fields.GetValueOrDefault("gc1_count"), fields.GetValueOrDefault("gc2_count"), fields.GetValueOrDefault("allocated"), fields.GetValueOrDefault("joined", -1), fields.GetValueOrDefault("committed"));
    }
}
