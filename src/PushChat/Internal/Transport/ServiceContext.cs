using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>What every connection shares: limits, clock, logger, metrics, parser, trusted proxies, the request handler and the stop signal.</summary>
internal sealed class ServiceContext
{
    public ServiceContext(ChatServerLimits limits, TimeProvider time, ILogger logger, ChatMetrics metrics, IHttpHandler handler, OutboundThreads outbound, CancellationToken stopping, TrustedProxies? proxies = null)
    {
        Outbound = outbound;
        Proxies = proxies ?? TrustedProxies.None;
        RefusalLog = new LogThrottle(time);
        Limits = limits;
        Time = time;
        Logger = logger;
        Metrics = metrics;
        Handler = handler;
        Stopping = stopping;
        Parser = new HttpRequestParser(limits);
        Connections = new ConnectionRegistry(limits, metrics, Proxies);
    }

    public ChatServerLimits Limits { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public ChatMetrics Metrics { get; }

    public IHttpHandler Handler { get; }

    /// <summary>The server's fan-out and writer threads, which every connection's output goes through.</summary>
    public OutboundThreads Outbound { get; }

    /// <summary>Fires when the server begins to stop; handed to every request and hook.</summary>
    public CancellationToken Stopping { get; }

    public HttpRequestParser Parser { get; }

    public ConnectionRegistry Connections { get; }

    /// <summary>The reverse proxies whose X-Forwarded-For names the client a connection counts for.</summary>
    public TrustedProxies Proxies { get; }

    /// <summary>How long a closing connection waits for the client to close its side before it is cut.</summary>
    public TimeSpan CloseLinger { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The blocks and arrays every connection's writes borrow instead of allocating.</summary>
    public OutboundPools OutboundPools { get; } = new();

    /// <summary>Keeps a flood of refused connections to a log line every few seconds.</summary>
    public LogThrottle RefusalLog { get; }
}
