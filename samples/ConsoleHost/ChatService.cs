using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PushChat;

namespace PushChat.ConsoleHost;

/// <summary>Runs the chat server for the lifetime of the host; Ctrl+C and SIGTERM stop it gracefully.</summary>
internal sealed partial class ChatService(ChatServer server, ILogger<ChatService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken);
        var endPoint = server.LocalEndPoint!;
        var host = endPoint.Address.Equals(System.Net.IPAddress.Any) || endPoint.Address.Equals(System.Net.IPAddress.Loopback)
            ? "localhost"
            : endPoint.Address.ToString();
        LogReady(logger, $"http://{host}:{endPoint.Port}/");
        Console.WriteLine($"PushChat is running: open http://{host}:{endPoint.Port}/ in a browser. Press Ctrl+C to stop.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

    [LoggerMessage(1, LogLevel.Information, "Chat ready at {Url}")]
    private static partial void LogReady(ILogger logger, string url);
}
