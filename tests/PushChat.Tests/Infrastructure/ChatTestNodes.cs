using PushChat.ScaleOut;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// Several servers of one chat in this process over one <see cref="InProcessBackplane"/>, on one
/// fake clock, reached by one browser (one cookie jar), as behind a load balancer.
/// </summary>
public sealed class ChatTestNodes : IAsyncDisposable
{
    private readonly List<ChatTestServer> _nodes = [];
    private readonly Action<ChatServerOptions>? _configure;

    private ChatTestNodes(Action<ChatServerOptions>? configure) => _configure = configure;

    public InProcessBackplane Backplane { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new();

    public CookieJar Cookies { get; } = new();

    public ChatTestServer this[int index] => _nodes[index];

    public IReadOnlyList<ChatTestServer> All => _nodes;

    public static async Task<ChatTestNodes> StartAsync(int count, Action<ChatServerOptions>? configure = null)
    {
        var nodes = new ChatTestNodes(configure);
        nodes.Backplane = new InProcessBackplane(nodes.Time);
        for (var i = 0; i < count; i++)
        {
            await nodes.AddAsync();
        }

        return nodes;
    }

    /// <summary>Starts one more node of the chat; it reads every change so far before it listens.</summary>
    public async Task<ChatTestServer> AddAsync()
    {
        var name = "node-" + (char)('a' + _nodes.Count);
        var node = await ChatTestServer.StartAsync(
            options =>
            {
                _configure?.Invoke(options);
                options.Backplane = Backplane.Node(name);
            },
            Time,
            Cookies);
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// Waits until every running node reported its streams and applied every change stored: the
    /// nodes then hold the same chat.
    /// </summary>
    public async Task SettleAsync()
    {
        var running = _nodes.Where(n => n.Server.IsRunning).Select(n => n.Server.Engine!.Node!).ToArray();
        var deadline = DateTime.UtcNow + RawHttpClient.SafetyTimeout;
        while (true)
        {
            var head = Backplane.Head;
            foreach (var node in running)
            {
                await node.Bus.WaitAppliedAsync(head, CancellationToken.None).WaitAsync(RawHttpClient.SafetyTimeout);
            }

            if (running.All(n => n.IsSettled) && Backplane.Head == head)
            {
                return;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, "the nodes did not settle");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
