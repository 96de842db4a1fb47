using System.Diagnostics.Metrics;
using PushChat.PostgreSql;

namespace PushChat.Benchmarks.Serving;

/// <summary>PushChat as a host embeds it, with the caps raised for tens of thousands of readers, over its own TLS when given a certificate.</summary>
internal sealed class PushChatServer : IServerUnderTest
{
    private readonly ChatServer _server;
    private readonly MeterListener _meters = new();
    private readonly PostgresChatBackplane? _backplane;
    private readonly PostgresUserStore? _users;
    private long _dropped;
    private long _connections;

    public PushChatServer(ServerSettings settings)
    {
        var options = new ChatServerOptions { Port = 0, HistoryLength = settings.History };

        // The publisher posts far faster than a person; the flood limit would refuse it.
        options.MessageFilters.Clear();
        options.Limits.MaxConnections = 19_950;
        options.Limits.MaxConnectionsPerAddress = 19_950;
        options.Limits.MaxSessions = 19_950;

        // Every simulated user comes from loopback: one address with thousands of sessions.
        options.Limits.MaxSessionsPerAddress = 0;
        options.Limits.MaxUnopenedSessionsPerAddress = 0;
        options.Limits.MaxLoginsPerAddressPerMinute = 0;
        options.Limits.MaxLinesPerAddress = 0;
        options.Limits.MaxMessageLength = 4096;
        options.Limits.MaxQueuedBytesPerStream = settings.QueueBytes;

        // The speakers' connections are opened before a phase and first used when their turn
        // comes, up to a minute later at a slow rate; a browser's talk frame uses its connection
        // at once. Kestrel and the raw ceiling keep such connections as long.
        options.Limits.FirstByteTimeout = options.Limits.KeepAliveTimeout;

        // A chat frame renews its document after ChatFrameRenewAfterItems items by ending with a
        // refresh that a browser follows with a new request; the load client reads one response
        // per reader and does not, so at 10,000 readers the joins alone would end every frame.
        // The forever frame is measured as one long stream, like the other transports.
        options.Limits.ChatFrameRenewAfterItems = 0;
        if (settings.StreamOpenTimeout is { } streamOpenTimeout)
        {
            options.StreamOpenTimeout = streamOpenTimeout;
        }

        if (settings.CertificatePath is { } certificate)
        {
            // The engine's own TLS, configured as a host configures it.
            options.Certificate = BenchCertificate.Load(certificate);
        }

        if (settings.Backplane is { } connectionString)
        {
            // One node of a chat shared over PostgreSQL, deployed as the package's README shows.
            _backplane = new PostgresChatBackplane(new PostgresBackplaneOptions { ConnectionString = connectionString });
            _users = new PostgresUserStore(connectionString);
            options.Backplane = _backplane;
            options.UserStore = _users;

            // Every node holds the whole chat's sessions, not only those of its own readers.
            options.Limits.MaxSessions = 250_000;
        }

        _server = new ChatServer(options);

        // Counters are read in-process, through System.Diagnostics.Metrics, as any host would.
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "PushChat" && instrument.Name is "pushchat.slow_readers_dropped" or "pushchat.connections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "pushchat.connections")
            {
                Interlocked.Add(ref _connections, value);
            }
            else
            {
                Interlocked.Add(ref _dropped, value);
            }
        });
        _meters.Start();
    }

    public long DroppedSlowReaders => Interlocked.Read(ref _dropped);

    public long Connections => Interlocked.Read(ref _connections);

    public long Joined => _server.OnlineUsers.Count;

    /// <summary>The server itself, for the in-process capture of its bytes per line.</summary>
    public ChatServer Chat => _server;

    public async Task<int> StartAsync()
    {
        await _server.StartAsync().ConfigureAwait(false);
        return _server.LocalEndPoint!.Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        if (_backplane is not null)
        {
            await _backplane.DisposeAsync().ConfigureAwait(false);
        }

        if (_users is not null)
        {
            await _users.DisposeAsync().ConfigureAwait(false);
        }

        _meters.Dispose();
    }
}
