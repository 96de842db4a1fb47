namespace PushChat.Internal.WebSockets;

/// <summary>The close codes the server sends (RFC 6455, section 7.4.1).</summary>
internal static class WebSocketCloseCode
{
    public const ushort Normal = 1000;
    public const ushort GoingAway = 1001;
    public const ushort ProtocolError = 1002;
    public const ushort UnsupportedData = 1003;

    /// <summary>Never sent: stands for a close frame that carried no code (section 7.1.5).</summary>
    public const ushort NoStatus = 1005;

    public const ushort InvalidPayload = 1007;
    public const ushort PolicyViolation = 1008;
    public const ushort MessageTooBig = 1009;
    public const ushort InternalError = 1011;

    /// <summary>
    /// Whether a peer may send <paramref name="code"/> in a close frame: 1000–1003, 1007–1011, the
    /// codes IANA registered since (1012–1014: restart, try again later, bad gateway) and the
    /// ranges for libraries and applications (3000–4999). 1005, 1006 and 1015 are never on the
    /// wire; the rest is reserved.
    /// </summary>
    public static bool MayBeSent(ushort code) =>
        code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);
}
