namespace PushChat.Tests.Infrastructure;

/// <summary>The names frame, which stays open and gets a new copy of its list when the room changes.</summary>
public sealed partial class ChatTestServer
{
    /// <summary>The end of one copy of the names frame's list in the default look.</summary>
    public const string NamesListEnd = "</section>";

    /// <summary>Opens the names frame of a session and waits until its first list arrived.</summary>
    public async Task<RawHttpClient> OpenNamesAsync(string sessionId)
    {
        var client = await ConnectAsync();
        await client.SendAsync(Get($"{ChatRoutes.Names}?sid={sessionId}"));
        var head = await client.ReadResponseAsync();
        Assert.AreEqual(200, head.Status);
        await client.ReadStreamUntilAsync(NamesListEnd);
        return client;
    }

    /// <summary>The names frame of a session as it opens: its head and its first list.</summary>
    public async Task<string> NamesAsync(string sessionId)
    {
        await using var client = await OpenNamesAsync(sessionId);
        return client.StreamText;
    }

    /// <summary>The newest complete list of a names frame's text: the one its reader sees.</summary>
    public static string LastNamesList(string text)
    {
        var end = text.LastIndexOf(NamesListEnd, StringComparison.Ordinal);
        if (end < 0)
        {
            return string.Empty;
        }

        var start = text.LastIndexOf("<section", end, StringComparison.Ordinal);
        return text[start..end];
    }

    /// <summary>How many lists a names frame's text holds.</summary>
    public static int NamesListCount(string text) => text.Split(NamesListEnd).Length - 1;
}
