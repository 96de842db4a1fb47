using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Internal.Infrastructure;

/// <summary>Waiting for a task that may never finish, until a token fires (in-box as Task.WaitAsync from .NET 6).</summary>
internal static class TaskWaiting
{
    public static Task<T> WaitUntil<T>(this Task<T> task, CancellationToken cancellationToken)
    {
#if NET
        return task.WaitAsync(cancellationToken);
#else
        return task.IsCompleted || !cancellationToken.CanBeCanceled ? task : WaitSlowly(task, cancellationToken);
#endif
    }

    public static Task WaitUntil(this Task task, CancellationToken cancellationToken)
    {
#if NET
        return task.WaitAsync(cancellationToken);
#else
        return task.IsCompleted || !cancellationToken.CanBeCanceled ? task : WaitSlowly(task, cancellationToken);
#endif
    }

#if !NET
    private static async Task<T> WaitSlowly<T>(Task<T> task, CancellationToken cancellationToken)
    {
        await WaitSlowly((Task)task, cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    private static async Task WaitSlowly(Task task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new System.OperationCanceledException(cancellationToken);
            }
        }

        await task.ConfigureAwait(false);
    }
#endif
}
