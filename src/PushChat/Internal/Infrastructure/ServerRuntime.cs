using System;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Pages;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Everything a started server owns: the engine, listeners, heartbeat and event loop wired from
/// the options at start, and the order they stop in. Kept apart from <see cref="ChatServer"/> so
/// that the public type holds the host's API and none of the engine's wiring.
/// </summary>
internal sealed class ServerRuntime
{
    private readonly CancellationTokenSource _stopping;
    private readonly ChatMetrics _metrics;
    private readonly ILogger _logger;
    private readonly PasswordVerifier _verifier;

    // Numbers the servers of the process, so that a thread dump tells their threads apart.
    private static int _lastServerNumber;

    private ServerRuntime(ChatEngine engine, ServiceContext context, SocketListener listener, Heartbeat heartbeat, NotificationDispatcher notifications, CancellationTokenSource stopping, ChatMetrics metrics, ILogger logger, PasswordVerifier verifier)
    {
        _verifier = verifier;
        Outbound = context.Outbound;
        Engine = engine;
        Context = context;
        Listener = listener;
        Heartbeat = heartbeat;
        Notifications = notifications;
        _stopping = stopping;
        _metrics = metrics;
        _logger = logger;
    }

    public ChatEngine Engine { get; }

    public ServiceContext Context { get; }

    public SocketListener Listener { get; }

    public SocketListener? RedirectListener { get; private set; }

    public Heartbeat Heartbeat { get; }

    public NotificationDispatcher Notifications { get; }

    /// <summary>The server's fan-out and writer threads, ended by <see cref="StopAsync"/>.</summary>
    public OutboundThreads Outbound { get; }

    public static async Task<ServerRuntime> StartAsync(ChatServerOptions options, TimeProvider time, ILogger logger, IMeterFactory? meterFactory, HostEvents events, CancellationToken cancellationToken)
    {
        // A node of a scaled-out chat learns the chat's number (its logs' epochs are the same on
        // every node) and reads every change stored so far before it answers anyone.
        var backplane = options.Backplane;
        var joined = backplane is null ? null : await backplane.StartAsync(cancellationToken).ConfigureAwait(false);
        // The server keeps the store it uses, so that registration writes where logins read; a
        // host authenticator without a store keeps its accounts where the server cannot reach.
        var users = options.UserStore ?? (options.Authenticator is null ? new InMemoryUserStore() : null);
        var verifier = PasswordVerifier.PerCore();
        var authenticator = options.Authenticator ?? new UserStoreAuthenticator(users!, options.AllowGuests, verifier, logger);
        var renderer = options.PageRenderer ?? new DefaultPageRenderer();
        var metrics = new ChatMetrics(meterFactory);
        var stopping = new CancellationTokenSource();
        var notifications = new NotificationDispatcher(logger, options.Limits.MaxQueuedHostEvents, time);
        events.Dispatcher = notifications;
        var outbound = new OutboundThreads(Interlocked.Increment(ref _lastServerNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reporter = backplane is null ? null : new ScaleOut.PresenceReporter(backplane.NodeId, logger);
        var epochs = joined is null ? new LogEpochs() : new LogEpochs(joined.ChatId);
        var state = new ChatState(options, new LineEncoders(new ChatLanguages(options.Languages, options.DefaultLanguage), new HtmlLineEncoder(renderer, logger)), new DispatcherFanOut(outbound.Dispatcher), epochs, time, logger, events, metrics, backplane?.NodeId ?? "local", reporter);
        var node = backplane is null ? null : new ScaleOut.ChatNode(backplane, state, reporter!, time, logger);
        var engine = new ChatEngine(options, authenticator, renderer, time, logger, state, node is null ? new LocalChangeBus(state) : node.Bus, verifier, users) { Node = node };
        if (node is not null)
        {
            try
            {
                await node.JoinAsync(joined!, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A start abandoned while the node read the chat leaves it again, lead and heartbeat included.
                await node.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
                outbound.Dispose();
                _ = notifications.CompleteAsync(CancellationToken.None);
                stopping.Dispose();
                metrics.Dispose();
                throw;
            }
        }

        var context = new ServiceContext(options.Limits, time, logger, metrics, new ChatRequestHandler(engine, logger), outbound, stopping.Token, new TrustedProxies(options.TrustedProxies));
        var tls = options.Certificate is { } certificate ? new TlsHandshake(certificate, options.CertificateChain, options.HstsMaxAge, time) : null;
        SocketListener? listener = null;
        SocketListener? redirect;
        try
        {
            listener = new SocketListener(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), context, tls);
            redirect = options.HttpRedirectPort is { } redirectPort
                ? new SocketListener(
                    new IPEndPoint(IPAddress.Parse(options.ListenAddress), redirectPort),
                    context,
                    handler: new HttpsRedirect(new HostFilter(options.AllowedHosts, options.ListenAddress), listener.LocalEndPoint.Port))
                : null;
        }
        catch
        {
            if (node is not null)
            {
                await node.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
            }

            listener?.Dispose();
            outbound.Dispose();
            _ = notifications.CompleteAsync(CancellationToken.None);
            stopping.Dispose();
            metrics.Dispose();
            throw;
        }

        listener.Start();
        if (redirect is not null)
        {
            redirect.Start();
            Log.RedirectListening(logger, redirect.LocalEndPoint);
        }

        var sweeper = new ChatSweeper(engine, time, outbound.Dispatcher);
        var heartbeat = new Heartbeat(time, () =>
        {
            context.Connections.CheckDeadlines(time.GetTimestamp());
            sweeper.Sweep();
        }, logger);
        return new ServerRuntime(engine, context, listener, heartbeat, notifications, stopping, metrics, logger, verifier) { RedirectListener = redirect };
    }

    /// <summary>
    /// Stops in steps, each of which runs whatever the one before it did: no more
    /// logins, hooks cancelled, no more connections, goodbye to every stream, a bounded wait,
    /// then every connection closed, the clock stopped, the output threads and password checks ended and the events delivered.
    /// </summary>
    public async Task StopAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            if (Engine.Node is null)
            {
                Engine.Upkeep.BeginShutdown();
            }

            var listenerStopped = Task.WhenAll(Listener.StopAsync(), RedirectListener?.StopAsync() ?? Task.CompletedTask);
            CloseIdleConnections();
            Guard(_stopping.Cancel);
            try
            {
                await listenerStopped.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A stop goes on whatever one step did.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ShutdownStepFailed(_logger, ex);
            }


            // Connections admitted while the accept loop wound down.
            CloseIdleConnections();

            if (Engine.Node is { } node)
            {
                try
                {
                    await node.LeaveAsync(cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A stop goes on whatever one step did.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.ShutdownStepFailed(_logger, ex);
                }
            }
            else
            {
                Guard(Engine.Upkeep.Shutdown);
            }

            await Context.Connections.WaitUntilEmptyAsync(Engine.Options.ShutdownTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Context.Connections.AbortAll();
            Heartbeat.Dispose();

            // After the connections and the clock: nothing hands them output any more.
            Guard(Outbound.Dispose);
            try
            {
                await _verifier.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A check still running ends on its own; the stop does not wait for it any longer.
            }
            await Notifications.CompleteAsync(cancellationToken).ConfigureAwait(false);
            _stopping.Dispose();
            _metrics.Dispose();
        }
    }

    private void CloseIdleConnections()
    {
        foreach (var connection in Context.Connections.Snapshot())
        {
            Guard(connection.CloseWhenIdle);
        }
    }

    private void Guard(Action step) => ShutdownSteps.Run(_logger, step);
}
