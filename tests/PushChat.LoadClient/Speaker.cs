using System.Diagnostics;
using System.Net;
using PushChat.LoadClient.Tls;

namespace PushChat.LoadClient;

/// <summary>
/// One person talking: a keep-alive connection of its own on which it posts the way a browser's
/// talk form does, one request at a time. A post that falls due while the previous one is still
/// unanswered waits for that answer, as the person would.
/// </summary>
internal sealed class Speaker : IDisposable
{
    // Servers close keep-alive connections idle for long (PushChat and Kestrel: 130 s); a
    // browser opens a new one then, and so does a speaker idle for this long before a phase.
    private static readonly long StaleTicks = Stopwatch.Frequency * 60;

    private readonly ChatProtocol _protocol;
    private readonly SessionKey? _session;
    private readonly TimeSpan _timeout;
    private readonly TlsClientSettings? _tls;
    private readonly Queue<(long Sequence, long Due)> _waiting = new();
    private BufferedSocket _connection;
    private IPEndPoint? _server;
    private IPAddress? _source;
    private long _lastUse;

    public Speaker(int index, ChatProtocol protocol, SessionKey? session, TimeSpan timeout, TlsClientSettings? tls = null)
    {
        Index = index;
        _protocol = protocol;
        _session = session;
        _timeout = timeout;
        _tls = tls;
        _connection = new BufferedSocket(1024, timeout, tls);
    }

    public int Index { get; }

    public int Fd => (int)_connection.Socket.Handle;

    /// <summary>Whether the speaker talks over TLS: its bytes then go through <see cref="SendBlocking"/> and <see cref="ReceiveDecrypted"/>.</summary>
    public bool Secure => _tls is not null;

    /// <summary>The scheduled moment of the post whose answer is awaited; 0 when none is.</summary>
    public long AwaitedDue { get; set; }

    /// <summary>Answer bytes received so far during a phase.</summary>
    public byte[] Answer { get; } = new byte[16 * 1024];

    public int AnswerLength { get; set; }

    /// <summary>Posts that fell due while an answer was awaited, oldest first.</summary>
    public Queue<(long Sequence, long Due)> Waiting => _waiting;

    public void Connect(IPEndPoint server, IPAddress? source = null)
    {
        _server = server;
        _source = source;
        _connection.Connect(server, source);
        _lastUse = Stopwatch.GetTimestamp();
    }

    /// <summary>Opens a new connection if this one sat idle long enough for the server to close it.</summary>
    public void Refresh()
    {
        if (Stopwatch.GetTimestamp() - _lastUse > StaleTicks)
        {
            _connection.Dispose();
            _connection = new BufferedSocket(1024, _timeout, _tls);
            Connect(_server!, _source);
        }
    }

    public void MarkUsed() => _lastUse = Stopwatch.GetTimestamp();

    public byte[] Request(string text) => _protocol.Post(text, _session);

    /// <summary>Posts one line and waits for its answer, on the calling thread; returns the answer's status.</summary>
    public int Post(string text)
    {
        _connection.Send(Request(text));
        var status = _protocol.ReadAnswer(_connection);
        MarkUsed();
        return status;
    }

    /// <summary>Sends bytes on the calling thread, blocking while the socket buffer is full.</summary>
    public void SendBlocking(ReadOnlySpan<byte> bytes) => _connection.Send(bytes);

    /// <summary>
    /// Over TLS: one non-blocking receive, decrypted and appended to <see cref="Answer"/>; returns
    /// the bytes appended, -1 when none are complete yet, 0 when the server closed, -2 on an error.
    /// </summary>
    public int ReceiveDecrypted()
    {
        var read = _connection.Tls!.ReceiveAvailable();
        if (read <= 0)
        {
            return read;
        }

        var plain = _connection.TakeBuffered();
        if (plain.IsEmpty)
        {
            return -1;
        }

        if (plain.Length > Answer.Length - AnswerLength)
        {
            throw new InvalidDataException($"Speaker {Index}'s answers overran its buffer.");
        }

        plain.CopyTo(Answer.AsSpan(AnswerLength));
        return plain.Length;
    }

    public void Dispose() => _connection.Dispose();
}
