using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// A reader named "slow" that opened its chat frame and never reads, in a chat whose two rooms,
/// Lobby and Den, hold full histories of 1 KB lines: opening the frame, and every move between
/// them, replays about 100 KB. Its queue is the server's accounting of what it holds.
/// </summary>
internal sealed class NonReadingReaderScene : IAsyncDisposable
{
    private readonly RawHttpClient _client;

    private NonReadingReaderScene(RawHttpClient client, OutboundQueue queue)
    {
        _client = client;
        Queue = queue;
    }

    /// <summary>A kilobyte of text, for lines as long as the histories' lines.</summary>
    public static string Kilobyte { get; } = new('x', 1000);

    public OutboundQueue Queue { get; }

    public static async Task<NonReadingReaderScene> OpenAsync(ChatTestServer chat)
    {
        chat.Server.CreateRoom("Den");
        for (var i = 0; i < 100; i++)
        {
            chat.Server.PostNotice("Lobby", $"lobby {i} {Kilobyte}");
            chat.Server.PostNotice("Den", $"den {i} {Kilobyte}");
        }

        var sid = await chat.LoginAsync("slow");
        var client = await chat.OpenNonReadingChatAsync(sid);
        var stream = (ForeverFrameStream)chat.Server.Engine!.Sessions.Find(sid)!.Streams.Single();
        return new NonReadingReaderScene(client, ((HttpConnection)stream.Transport).Output);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
