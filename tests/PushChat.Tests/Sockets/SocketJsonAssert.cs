using System.Text;
using System.Text.Json;

namespace PushChat.Tests.Sockets;

/// <summary>Reading the server's JSON answers in tests, strictly: an answer that is not one valid JSON object fails the test.</summary>
internal static class SocketJsonAssert
{
    public static ReadOnlyMemory<byte> Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The answer as a JSON object; fails unless it is exactly one, compact and valid.</summary>
    public static JsonElement Parse(byte[] answer)
    {
        var text = Encoding.UTF8.GetString(answer);
        Assert.IsFalse(text.Contains('\n'), $"an answer is one line: {text}");
        using var document = JsonDocument.Parse(answer);
        Assert.AreEqual(JsonValueKind.Object, document.RootElement.ValueKind, text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an <c>error</c> answer with that code and status; returns it.</summary>
    public static JsonElement IsError(byte[] answer, string code, int status)
    {
        var json = Parse(answer);
        var text = Encoding.UTF8.GetString(answer);
        Assert.AreEqual("error", json.GetProperty("type").GetString(), text);
        Assert.AreEqual(code, json.GetProperty("code").GetString(), text);
        Assert.AreEqual(status, json.GetProperty("status").GetInt32(), text);
        Assert.IsFalse(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()), text);
        return json;
    }

    /// <summary>Asserts an <c>ok</c> answer; returns it.</summary>
    public static JsonElement IsOk(byte[] answer)
    {
        var json = Parse(answer);
        Assert.AreEqual("ok", json.GetProperty("type").GetString(), Encoding.UTF8.GetString(answer));
        return json;
    }

    /// <summary>The raw JSON of the answer's <c>id</c>, as it was written.</summary>
    public static string IdOf(byte[] answer) => Parse(answer).GetProperty("id").GetRawText();
}
