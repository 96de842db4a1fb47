using System;
using System.Security.Cryptography;
using System.Text;

namespace PushChat.Internal.WebSockets;

/// <summary>The opening handshake's key and answer (RFC 6455, section 4.2).</summary>
internal static class WebSocketHandshake
{
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Whether <paramref name="key"/> is a valid Sec-WebSocket-Key: 16 bytes in base64.</summary>
    public static bool IsValidKey(string? key)
    {
        if (key is null || key.Length != 24)
        {
            return false;
        }

        try
        {
            return Convert.FromBase64String(key).Length == 16;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The Sec-WebSocket-Accept answer to a valid key.</summary>
    public static string AcceptFor(string key)
    {
        var bytes = Encoding.ASCII.GetBytes(key + KeyGuid);
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the handshake; it proves a WebSocket server answered, it protects nothing.
#if NET
        return Convert.ToBase64String(SHA1.HashData(bytes));
#else
        using var sha1 = SHA1.Create();
        return Convert.ToBase64String(sha1.ComputeHash(bytes));
#endif
#pragma warning restore CA5350
    }
}
