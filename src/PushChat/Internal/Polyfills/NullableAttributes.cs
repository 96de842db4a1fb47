#if !NET
namespace System.Diagnostics.CodeAnalysis;

/// <summary>In-box from .NET Core 3.0; declared here for netstandard2.0 (the compiler matches it by name).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class NotNullWhenAttribute : Attribute
{
    public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

    public bool ReturnValue { get; }
}
#endif
