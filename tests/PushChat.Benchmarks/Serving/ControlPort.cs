using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Text;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// A loopback side door of the server process that answers "stats" (or "gc": collect first)
/// with its CPU time, RSS, managed heap, the collector's committed memory, bytes allocated so far, collections and thread-pool backlog, so the client can compute CPU per delivered line and
/// bytes per connection without sharing the server's sockets or caps.
/// </summary>
internal sealed class ControlPort : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IServerUnderTest _server;

    public ControlPort(IServerUnderTest server)
    {
        _server = server;
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Stop();

    public static long RssKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                var command = await reader.ReadLineAsync().ConfigureAwait(false);
                if (command == "gc")
                {
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                }

                // The collector's own view (as of its last collection): what it has committed from the OS, what
                // the heap held, and how much of that was free space between objects.
                var memory = GC.GetGCMemoryInfo(GCKind.Any);
                using var process = Process.GetCurrentProcess();
                var cpu = (long)process.TotalProcessorTime.TotalMicroseconds;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"cpu_us={cpu} rss_kb={RssKb()} managed={GC.GetTotalMemory(false)} dropped={_server.DroppedSlowReaders} connections={_server.Connections} pool_pending={ThreadPool.PendingWorkItemCount} pool_threads={ThreadPool.ThreadCount} gc_count={GC.CollectionCount(0)} gc1_count={GC.CollectionCount(1)} gc2_count={GC.CollectionCount(2)} gc_pause_us={(long)GC.GetTotalPauseDuration().TotalMicroseconds} allocated={GC.GetTotalAllocatedBytes(precise: true)} joined={_server.Joined} committed={memory.TotalCommittedBytes} heap={memory.HeapSizeBytes} fragmented={memory.FragmentedBytes}\n");
                var bytes = Encoding.ASCII.GetBytes(line);
                await stream.WriteAsync(bytes).ConfigureAwait(false);
            }
        }
    }
}
