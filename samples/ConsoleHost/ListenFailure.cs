using System.Net.Sockets;

namespace PushChat.ConsoleHost;

/// <summary>Says in one line why the chat could not listen, naming the address and port it tried.</summary>
internal static class ListenFailure
{
    public static string Describe(SocketException error, string listenAddress, int port) => error.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"Cannot listen on Chat:Port {port} (Chat:ListenAddress {listenAddress}): another program is using the port. Stop it, or pick another port with --port.",
        SocketError.AccessDenied => $"Cannot listen on Chat:Port {port} (Chat:ListenAddress {listenAddress}): this user may not open that port. Pick a port above 1023 with --port.",
        SocketError.AddressNotAvailable => $"Cannot listen on Chat:ListenAddress {listenAddress}: it is not an address of this machine. Use 127.0.0.1, 0.0.0.0 or one of its own addresses.",
        _ => $"Cannot listen on {listenAddress} port {port}: {error.Message}",
    };
}
