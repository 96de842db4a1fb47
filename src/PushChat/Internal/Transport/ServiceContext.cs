using System;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Http;

namespace PushChat.Internal.Transport;

/// <summary>What every connection shares: limits, clock, logger, parser, and the request handler.</summary>
internal sealed class ServiceContext
{
    public ServiceContext(ChatServerLimits limits, TimeProvider time, ILogger logger, IHttpHandler handler)
    {
        Limits = limits;
        Time = time;
        Logger = logger;
        Handler = handler;
        Parser = new HttpRequestParser(limits);
        Connections = new ConnectionRegistry(limits);
    }

    public ChatServerLimits Limits { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public IHttpHandler Handler { get; }

    public HttpRequestParser Parser { get; }

    public ConnectionRegistry Connections { get; }

    /// <summary>How long a closing connection waits for the client to close its side before it is cut.</summary>
    public TimeSpan CloseLinger { get; } = TimeSpan.FromSeconds(5);
}
