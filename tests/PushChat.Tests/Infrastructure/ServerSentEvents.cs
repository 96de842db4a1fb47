using System.Text.Json;

namespace PushChat.Tests.Infrastructure;

/// <summary>One Server-Sent Event as a browser's EventSource would dispatch it.</summary>
public sealed record ServerSentEvent(string Name, string Data, string? Id)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>The text of a line event, or null for any other.</summary>
    public string? Text => Name == "line" ? Json.GetProperty("text").GetString() : null;
}

/// <summary>Parses an event stream's text the way the HTML standard's EventSource does (fields, comments, blank lines).</summary>
public static class ServerSentEvents
{
    public static IReadOnlyList<ServerSentEvent> Parse(string text)
    {
        var events = new List<ServerSentEvent>();
        string name = "message";
        var data = new List<string>();
        string? id = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new ServerSentEvent(name, string.Join("\n", data), id));
                }

                name = "message";
                data.Clear();
                id = null;
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
                case "id":
                    id = value;
                    break;
            }
        }

        return events;
    }

    /// <summary>Opens <c>/events</c> for a session with the server's cookie jar; waits for the response head.</summary>
    public static async Task<(RawHttpClient Client, RawResponse Head)> OpenAsync(ChatTestServer chat, string sessionId, string? lastEventId = null, string? after = null)
    {
        var client = await chat.ConnectAsync();
        var query = after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after);
        var header = lastEventId is null ? string.Empty : $"Last-Event-ID: {lastEventId}\r\n";
        await client.SendAsync($"GET {ChatRoutes.Events}?sid={sessionId}{query} HTTP/1.1\r\nHost: localhost\r\n{header}\r\n");
        var head = await client.ReadResponseAsync();
        return (client, head);
    }

    /// <summary>Reads until a line event with the given text arrived, whole; returns every event so far.</summary>
    public static async Task<IReadOnlyList<ServerSentEvent>> ReadUntilLineAsync(RawHttpClient client, string text) =>
        Parse(await client.ReadStreamUntilAsync(t => t.Contains(text, StringComparison.Ordinal) && Parse(t).Any(e => e.Text == text), $"the line '{text}'"));

    /// <summary>Reads until an event of the given name arrived, whole; returns every event so far.</summary>
    public static async Task<IReadOnlyList<ServerSentEvent>> ReadUntilEventAsync(RawHttpClient client, string name, int count = 1) =>
        Parse(await client.ReadStreamUntilAsync(t => Parse(t).Count(e => e.Name == name) >= count, $"{count} '{name}' event(s)"));
}
