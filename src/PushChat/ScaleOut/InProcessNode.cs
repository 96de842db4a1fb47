using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Infrastructure;

namespace PushChat.ScaleOut;

/// <summary>One server's place in an <see cref="InProcessBackplane"/>.</summary>
internal sealed class InProcessNode : IChatBackplane
{
    private readonly InProcessBackplane _chat;

    public InProcessNode(InProcessBackplane chat, string nodeId)
    {
        _chat = chat;
        NodeId = nodeId;
    }

    public string NodeId { get; }

    public bool IsLeader => _chat.IsLeader(this);

    public Task<BackplaneStart> StartAsync(CancellationToken cancellationToken) => Task.FromResult(_chat.Join(this));

    public Task<BackplaneChange> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        Task.FromResult(_chat.Append(NodeId, payload));

    public async IAsyncEnumerable<BackplaneChange> ReadAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (changes, more) = _chat.Read(after);
            foreach (var change in changes)
            {
                yield return change;
                after = change.Position;
            }

            if (changes.Count == 0)
            {
                await more.WaitUntil(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<long> HeadAsync(CancellationToken cancellationToken) => Task.FromResult(_chat.Head);

    public Task<IReadOnlyCollection<string>> LiveNodesAsync(CancellationToken cancellationToken) => Task.FromResult(_chat.LiveNodes());

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _chat.Leave(this);
        return Task.CompletedTask;
    }
}
