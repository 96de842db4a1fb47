using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>
/// A room: its numbered lines, recent history and open streams. Publishing renders a line once
/// and queues the same bytes to every stream, under the room's lock so every reader sees lines in
/// sequence order and a stream that opens gets history and live lines without a gap.
/// </summary>
internal sealed class ChatRoom
{
    private readonly object _gate = new();
    private readonly LineHistory _history;
    private readonly List<ChatStream> _streams = new();
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
            var now = _time.GetTimestamp();
            foreach (var stream in _streams)
            {
                stream.Write(line.Html, now, writers);
            }

            ChatMetrics.LinesPosted.Add(1);
            ChatMetrics.Deliveries.Add(_streams.Count);
        }

        // The writers start after the lock is released, so they never wait for the next post.
        writers.Schedule();
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

            _streams.Add(stream);
        }
    }

    public void Detach(ChatStream stream)
    {
        lock (_gate)
        {
            _streams.Remove(stream);
        }
    }

    public ChatStream[] StreamsSnapshot()
    {
        lock (_gate)
        {
            return _streams.ToArray();
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
