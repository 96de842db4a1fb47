#if !NET
namespace System.Runtime.CompilerServices;

/// <summary>In-box from .NET 5; declared here so records and init accessors compile for netstandard2.0.</summary>
internal static class IsExternalInit
{
}
#endif
