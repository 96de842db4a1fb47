using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;

namespace PushChat.ScaleOut;

/// <summary>
/// One chat's order of changes held in memory, shared by servers of one process: each server joins
/// with its own <see cref="Node"/>. Useful to run several nodes side by side (to try a scaled-out
/// chat, or in tests); it lives as long as the process, so it survives a node's restart but not
/// the process's.
/// </summary>
/// <example>
/// <code>
/// var chat = new InProcessBackplane();
/// var first = new ChatServer(new ChatServerOptions { Port = 9148, Backplane = chat.Node("a") });
/// var second = new ChatServer(new ChatServerOptions { Port = 9149, Backplane = chat.Node("b") });
/// </code>
/// </example>
public sealed class InProcessBackplane
{
    private readonly object _gate = new();
    private readonly List<BackplaneChange> _changes = new();
    private readonly List<InProcessNode> _live = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource<bool> _appended = NewSignal();

    /// <summary>Creates an empty chat timed by the system clock.</summary>
    public InProcessBackplane()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty chat timed by <paramref name="time"/>.</summary>
    /// <param name="time">The clock that stamps the changes.</param>
    public InProcessBackplane(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var bytes = new byte[4];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        ChatId = (long)BitConverter.ToUInt32(bytes, 0) + 1;
    }

    /// <summary>The chat's number, drawn when it was created.</summary>
    public long ChatId { get; }

    /// <summary>Gives a server its place in this chat, under a name no other live node has.</summary>
    /// <param name="nodeId">The node's name.</param>
    /// <returns>The backplane to set in that server's <see cref="ChatServerOptions.Backplane"/>.</returns>
    public IChatBackplane Node(string nodeId)
    {
        if (string.IsNullOrWhiteSpace(nodeId))
        {
            throw new ArgumentException("A node needs a name.", nameof(nodeId));
        }

        return new InProcessNode(this, nodeId);
    }

    /// <summary>The number of changes stored.</summary>
    public long Head
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count;
            }
        }
    }

    internal BackplaneStart Join(InProcessNode node)
    {
        lock (_gate)
        {
            if (_live.Any(n => n.NodeId == node.NodeId))
            {
                throw new InvalidOperationException($"A node named '{node.NodeId}' is already in the chat.");
            }

            _live.Add(node);
            return new BackplaneStart(ChatId, _changes.Count);
        }
    }

    internal void Leave(InProcessNode node)
    {
        lock (_gate)
        {
            _live.Remove(node);
        }
    }

    internal bool IsLeader(InProcessNode node)
    {
        lock (_gate)
        {
            return _live.Count > 0 && ReferenceEquals(_live[0], node);
        }
    }

    internal IReadOnlyCollection<string> LiveNodes()
    {
        lock (_gate)
        {
            return _live.Select(n => n.NodeId).ToArray();
        }
    }

    internal BackplaneChange Append(string nodeId, ReadOnlyMemory<byte> payload)
    {
        TaskCompletionSource<bool> appended;
        BackplaneChange change;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var at = _changes.Count > 0 && _changes[_changes.Count - 1].At > now ? _changes[_changes.Count - 1].At : now;
            change = new BackplaneChange(_changes.Count + 1, at, nodeId, payload.ToArray());
            _changes.Add(change);
            appended = _appended;
            _appended = NewSignal();
        }

        appended.TrySetResult(true);
        return change;
    }

    /// <summary>The changes after <paramref name="after"/>, or a task that completes when there are some.</summary>
    internal (IReadOnlyList<BackplaneChange> Changes, Task More) Read(long after)
    {
        lock (_gate)
        {
            var from = (int)Math.Min(after, _changes.Count);
            return (_changes.GetRange(from, _changes.Count - from), _appended.Task);
        }
    }

    private static TaskCompletionSource<bool> NewSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
