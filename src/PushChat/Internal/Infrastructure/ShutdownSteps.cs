using System;
using Microsoft.Extensions.Logging;

namespace PushChat.Internal.Infrastructure;

/// <summary>Runs one step of a stop so that a failing step is logged and the stop goes on.</summary>
internal static class ShutdownSteps
{
    public static void Run(ILogger logger, Action step)
    {
        try
        {
            step();
        }
#pragma warning disable CA1031 // A stop goes on whatever one step did.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ShutdownStepFailed(logger, ex);
        }
    }
}
