using PushChat.ScaleOut;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// Several servers of one chat in this process over one <see cref="InProcessBackplane"/>, on one
/// fake clock, reached by one browser (one cookie jar), as behind a load balancer.
/// </summary>
public sealed class ChatTestNodes : IAsyncDisposable
{
    private readonly List<ChatTestServer> _nodes = [];
    private readonly List<IAsyncDisposable> _backplanes = [];
    private readonly Action<ChatServerOptions>? _configure;
    private readonly Func<string, IChatBackplane> _nodeOf;

    private ChatTestNodes(Action<ChatServerOptions>? configure, Func<string, IChatBackplane>? backplane, CookieJar? cookies)
    {
        Cookies = cookies ?? new CookieJar();
        _configure = configure;
        InProcess = new InProcessBackplane(Time);
        _nodeOf = backplane ?? InProcess.Node;
    }

    /// <summary>The in-process chat the nodes join, unless another backplane was given.</summary>
    public InProcessBackplane InProcess { get; }

    public FakeTimeProvider Time { get; } = new();

    public CookieJar Cookies { get; }

    public ChatTestServer this[int index] => _nodes[index];

    public IReadOnlyList<ChatTestServer> All => _nodes;

    /// <summary>
    /// Starts <paramref name="count"/> nodes over an <see cref="InProcessBackplane"/>, or over the
    /// backplane <paramref name="backplane"/> makes for each node's name; the browser's cookies are
    /// <paramref name="cookies"/> when given (the same browser as before a restart).
    /// </summary>
    public static async Task<ChatTestNodes> StartAsync(int count, Action<ChatServerOptions>? configure = null, Func<string, IChatBackplane>? backplane = null, CookieJar? cookies = null)
    {
        var nodes = new ChatTestNodes(configure, backplane, cookies);
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
                var backplane = _nodeOf(name);
                if (backplane is IAsyncDisposable disposable)
                {
                    _backplanes.Add(disposable);
                }

                options.Backplane = backplane;
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

        // Each round ends with every change stored so far applied everywhere and every report sent;
        // a report sent in the round is a new change, which the next round waits for.
        for (var round = 0; round < 100; round++)
        {
            var head = await running[0].Bus.HeadAsync();
            foreach (var node in running)
            {
                await node.Bus.WaitAppliedAsync(head, CancellationToken.None).WaitAsync(RawHttpClient.SafetyTimeout);
            }

            await Task.WhenAll(running.Select(n => n.WhenSettled)).WaitAsync(RawHttpClient.SafetyTimeout);
            if (await running[0].Bus.HeadAsync() == head)
            {
                return;
            }
        }

        Assert.Fail("the nodes did not settle");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var backplane in _backplanes)
        {
            await backplane.DisposeAsync();
        }
    }
}
