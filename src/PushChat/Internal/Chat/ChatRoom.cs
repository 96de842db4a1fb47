using System;
using System.Text;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>
/// A room: its numbered lines, recent history and open streams. Publishing renders a line once
/// and hands the same bytes for every stream to the fan-out dispatcher, under the room's lock so
/// every reader sees lines in sequence order and a stream that opens gets history and live lines
/// without a gap.
/// </summary>
internal sealed class ChatRoom
{
    private readonly object _gate = new();
    private readonly LineHistory _history;
    // Replaced, never changed, when streams come and go: a fan-out hands the array it saw to the
    // dispatcher, which reaches those streams after the post has returned.
    private ChatStream[] _streams = Array.Empty<ChatStream>();
    private readonly IPageRenderer _renderer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _lastSequence;

    public ChatRoom(string name, int historyLength, IPageRenderer renderer, TimeProvider time, ILogger logger)
    {
        Name = name;
        _history = new LineHistory(historyLength);
        _renderer = renderer;
        _time = time;
        _logger = logger;
    }

    public string Name { get; }

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    public ChatMessage Publish(ChatMessageKind kind, string? sender, string? senderColor, string text)
    {
        var writers = new DrainBatch();
        ChatMessage message;
        lock (_gate)
        {
            message = new ChatMessage(Name, ++_lastSequence, kind, sender, senderColor, text, _time.GetUtcNow());
            var line = new RenderedLine(message, Encoding.UTF8.GetBytes(RenderLine(message)));
            _history.Add(line);
            writers.FanOut(_streams, line.Html, _time.GetTimestamp());
            ChatMetrics.LinesPosted.Add(1);
            ChatMetrics.Deliveries.Add(_streams.Length);

            // Handed over in sequence order; the streams' queues are filled by the dispatcher,
            // not by this request.
            writers.Schedule();
        }

        return message;
    }

    /// <summary>Starts a stream: its head, the history, then every new line.</summary>
    public void Attach(ChatStream stream, ReadOnlyMemory<byte> head)
    {
        lock (_gate)
        {
            if (stream.IsClosed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            stream.Write(head, now);
            foreach (var line in _history.OldestFirst())
            {
                stream.Write(line.Html, now);
            }

            var streams = new ChatStream[_streams.Length + 1];
            _streams.CopyTo(streams, 0);
            streams[_streams.Length] = stream;
            _streams = streams;
        }
    }

    public void Detach(ChatStream stream)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_streams, stream);
            if (index < 0)
            {
                return;
            }

            var streams = new ChatStream[_streams.Length - 1];
            Array.Copy(_streams, 0, streams, 0, index);
            Array.Copy(_streams, index + 1, streams, index, streams.Length - index);
            _streams = streams;
        }
    }

    public ChatStream[] StreamsSnapshot()
    {
        lock (_gate)
        {
            return (ChatStream[])_streams.Clone();
        }
    }

    private string RenderLine(ChatMessage message)
    {
        try
        {
            return _renderer.RenderLine(message);
        }
#pragma warning disable CA1031 // A broken custom renderer must not lose the line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            return "<p>" + Html.Encode(message.Sender is null ? message.Text : message.Sender + ": " + message.Text) + "</p>\n";
        }
    }
}
