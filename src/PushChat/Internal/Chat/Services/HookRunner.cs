using System;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Calls host decision hooks (authenticator, user store, filters) with a token that fires when
/// the server stops or the call takes longer than <see cref="ChatServerOptions.HookTimeout"/>. A
/// hook that ignores its token is waited for no longer: its request is refused and its
/// connection is free to close. Exceptions fail closed.
/// </summary>
internal sealed class HookRunner
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public HookRunner(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        _timeout = timeout;
    }

    public async Task<HookOutcome<T>> RunAsync<T>(Func<CancellationToken, ValueTask<T>> hook, CancellationToken stopping)
    {
        if (stopping.IsCancellationRequested)
        {
            return HookOutcome<T>.Ended(HookEnd.ServerStopping);
        }

        using var timeout = CreateTimeout();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        Task<T> call;
        try
        {
            call = hook(linked.Token).AsTask();
        }
#pragma warning disable CA1031 // Decision hooks fail closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HookOutcome<T>.Ended(HookEnd.Failed, ex);
        }

        try
        {
            return HookOutcome<T>.Completed(await call.WaitUntil(linked.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            ObserveLater(call);
            return HookOutcome<T>.Ended(stopping.IsCancellationRequested ? HookEnd.ServerStopping : HookEnd.TimedOut);
        }
#pragma warning disable CA1031 // Decision hooks fail closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HookOutcome<T>.Ended(HookEnd.Failed, ex);
        }
    }

    private CancellationTokenSource CreateTimeout() =>
#if NET
        new(_timeout, _time);
#else
        _time.CreateCancellationTokenSource(_timeout);
#endif

    /// <summary>A hook abandoned after its token fired may still fail; its error is not left unobserved.</summary>
    private static void ObserveLater(Task call) =>
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
