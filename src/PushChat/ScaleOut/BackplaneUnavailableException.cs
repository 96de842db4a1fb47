using System;

namespace PushChat.ScaleOut;

/// <summary>The backplane's store could not be reached; what was asked was not done.</summary>
public sealed class BackplaneUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackplaneUnavailableException()
        : base("The chat's backplane cannot be reached.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What could not be done.</param>
    public BackplaneUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What could not be done.</param>
    /// <param name="innerException">Why.</param>
    public BackplaneUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
