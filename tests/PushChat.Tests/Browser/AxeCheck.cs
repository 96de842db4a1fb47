using System.Reflection;

namespace PushChat.Tests.Browser;

/// <summary>
/// Runs axe-core (the script shipped inside Deque.AxeCore.Commons) over the document the browser is
/// in, injected through WebDriver so that the page's Content-Security-Policy does not refuse it, and
/// fails with every serious or critical WCAG 2.x A/AA violation it finds.
/// </summary>
internal static class AxeCheck
{
    private const string ResourceName = "Deque.AxeCore.Commons.Resources.axe.min.js";

    // Each frame is checked on its own (the caller enters it), so axe does not descend into frames.
    private const string RunScript = """
        const done = arguments[arguments.length - 1];
        axe.run(document, {
          iframes: false,
          resultTypes: ['violations'],
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        }).then(r => done(r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
          e => done(['axe failed: ' + e]));
        """;

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not in Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The serious and critical violations in the current document, one readable line each.</summary>
    public static IReadOnlyList<string> Violations(ChromiumBrowser browser)
    {
        browser.Script(Source.Value);
        var found = browser.Driver is OpenQA.Selenium.IJavaScriptExecutor js ? js.ExecuteAsyncScript(RunScript) : null;
        return (found as IEnumerable<object> ?? []).Select(o => (string)o).ToList();
    }

    /// <summary>Fails listing every serious or critical violation of <paramref name="page"/> (the document the browser is in).</summary>
    public static void Run(ChromiumBrowser browser, string page)
    {
        var violations = Violations(browser);
        if (violations.Count > 0)
        {
            Assert.Fail($"axe-core found {violations.Count} serious or critical violation(s) on {page}:\n  " + string.Join("\n  ", violations));
        }
    }
}
