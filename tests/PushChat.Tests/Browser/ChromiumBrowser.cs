using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace PushChat.Tests.Browser;

/// <summary>
/// One headless Chromium with its own ChromeDriver and a fresh profile, driven through the
/// system's <c>chromium</c> and <c>chromium-driver</c> packages (never a downloaded driver).
/// The chat frame is a response that never ends, so the top page never fires <c>load</c>:
/// navigation does not wait for anything and every step waits on a DOM condition instead.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverFileName = "chromedriver";

    /// <summary>How long a DOM condition may take before the step fails; a safety net, never a synchronisation.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // The profiles of browsers launched and not yet disposed, to clean up after abandoned tests.
    private static readonly ConcurrentDictionary<string, bool> LiveProfiles = new(StringComparer.Ordinal);

    private readonly ChromeDriverService _service;
    private readonly ChromeDriver _driver;
    private readonly string _profile;
    private bool _disposed;

    private ChromiumBrowser(ChromeDriverService service, ChromeDriver driver, string profile)
    {
        _service = service;
        _driver = driver;
        _profile = profile;
    }

    public IWebDriver Driver => _driver;

    /// <summary>
    /// Makes the test inconclusive (or, on CI, fails it) when Chromium or ChromeDriver is not installed.
    /// </summary>
    public static void RequireInstalled()
    {
        var missing = new[] { BrowserPath, Path.Combine(DriverDirectory, DriverFileName) }.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var reason = $"Browser tests need {string.Join(" and ", missing)}, which is missing. "
            + "Install it as root: apt-get update && apt-get install -y chromium chromium-driver";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Inconclusive(reason);
    }

    /// <param name="extraArguments">More of Chromium's command-line switches, for a test that measures (e.g. <c>--enable-precise-memory-info</c>).</param>
    public static ChromiumBrowser Launch(params string[] extraArguments)
    {
        RequireInstalled();
        var profile = Directory.CreateTempSubdirectory("pushchat-chromium-").FullName;
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverFileName);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            var options = new ChromeOptions
            {
                BinaryLocation = BrowserPath,

                // "normal" waits for a load event the frameset never fires. "eager" waits for
                // DOMContentLoaded, which the streaming chat document never reaches: switching into
                // the chat frame then hangs until the command times out. So: no waiting at all.
                PageLoadStrategy = PageLoadStrategy.None,
            };
            options.AddArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1100,700",
                "--user-data-dir=" + profile);
            options.AddArguments(extraArguments);
            LiveProfiles[profile] = true;
            var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
            return new ChromiumBrowser(service, driver, profile);
        }
        catch
        {
            LiveProfiles.TryRemove(profile, out _);
            service.Dispose();
            KillBrowserProcesses(profile);
            TryDeleteProfile(profile);
            throw;
        }
    }

    public void GoTo(Uri url)
    {
        _driver.SwitchTo().DefaultContent();
        _driver.Navigate().GoToUrl(url);
    }

    /// <summary>The URL of the top page.</summary>
    public Uri TopUrl
    {
        get
        {
            _driver.SwitchTo().DefaultContent();
            return new Uri(_driver.Url);
        }
    }

    /// <summary>Works inside the named frame of the top page from now on.</summary>
    public void EnterFrame(string name)
    {
        Until($"the frame '{name}' exists", () =>
        {
            _driver.SwitchTo().DefaultContent();
            _driver.SwitchTo().Frame(name);
            return true;
        });
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; page changes in between are tolerated.</summary>
    public void Until(string what, Func<bool> condition) => Poll(what, condition);

    /// <summary>Polls <paramref name="find"/> until it returns something; page changes in between are tolerated.</summary>
    public T WaitFor<T>(string what, Func<T?> find)
        where T : class => Poll(what, find)!;

    /// <summary>
    /// Finds and clicks an element, finding it again when its frame reloaded between the two
    /// (the names frame renews itself); a click that reached the element is never repeated.
    /// </summary>
    public void Click(string what, string cssSelector) => Poll(what, () =>
    {
        var element = _driver.FindElements(By.CssSelector(cssSelector)).FirstOrDefault();
        if (element is null)
        {
            return false;
        }

        element.Click();
        return true;
    });

    private T Poll<T>(string what, Func<T> condition)
    {
        var wait = new WebDriverWait(new SystemClock(), _driver, StepTimeout, PollInterval)
        {
            Message = "Waited for " + what,
        };
        wait.IgnoreExceptionTypes(
            typeof(NoSuchElementException),
            typeof(StaleElementReferenceException),
            typeof(NoSuchFrameException),
            typeof(JavaScriptException),

            // A frame that reloads itself (the names frame) can swap its form away between finding a box and typing in it.
            typeof(ElementNotInteractableException),

            // "Node with given id does not belong to the document": the frame swapped documents mid-command.
            typeof(UnknownErrorException));
        return wait.Until(_ => condition());
    }

    public IWebElement Find(string cssSelector) => _driver.FindElement(By.CssSelector(cssSelector));

    public ReadOnlyCollection<IWebElement> FindAll(string cssSelector) => _driver.FindElements(By.CssSelector(cssSelector));

    public object? Script(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>Sends a command of the DevTools protocol to the page (e.g. <c>HeapProfiler.collectGarbage</c>) and returns its result.</summary>
    public object? Cdp(string command, Dictionary<string, object?>? parameters = null) =>
        _driver.ExecuteCdpCommand(command, parameters ?? []);

    /// <summary>
    /// The resident memory (VmRSS, in bytes) of this browser's largest renderer process: the one
    /// showing the page, whose DOM lives there beside its JS heap. Chromium's own WebUI renderer is
    /// left out. Null where /proc does not tell (not Linux).
    /// </summary>
    public long? PageRendererResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        long largest = 0;
        foreach (var processId in ProcessesOf(_profile))
        {
            if (TryRead($"/proc/{processId}/cmdline") is { } commandLine
                && commandLine.Contains("--type=renderer", StringComparison.Ordinal)
                && !commandLine.Contains("--top-chrome-webui", StringComparison.Ordinal)
                && TryRead($"/proc/{processId}/status") is { } status)
            {
                var line = status.Split('\n').First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                largest = Math.Max(largest, long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024);
            }
        }

        return largest;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // The process ended meanwhile.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Works in the top page from now on.</summary>
    public void LeaveFrames() => _driver.SwitchTo().DefaultContent();

    public void SaveScreenshot(string path)
    {
        _driver.SwitchTo().DefaultContent();
        _driver.GetScreenshot().SaveAsFile(path);
    }

    /// <summary>
    /// Quits the browser and ends the driver. Quit gives up quietly when the driver no longer
    /// answers (a hung command, a crash), so every browser process still running with this
    /// profile is then killed by id: no Chromium outlives its test.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LiveProfiles.TryRemove(_profile, out _);
        try
        {
            _driver.Quit();
        }
        finally
        {
            KillBrowserProcesses(_profile);
            _driver.Dispose();
            _service.Dispose();
            TryDeleteProfile(_profile);
        }
    }

    /// <summary>Kills the browsers of tests that ended without disposing theirs (a test stopped by its timeout).</summary>
    public static void KillAbandoned()
    {
        foreach (var profile in LiveProfiles.Keys)
        {
            if (LiveProfiles.TryRemove(profile, out _))
            {
                KillBrowserProcesses(profile);
                TryDeleteProfile(profile);
            }
        }
    }

    private static void KillBrowserProcesses(string profile)
    {
        foreach (var processId in ProcessesOf(profile))
        {
            KillTree(processId);
        }
    }

    /// <summary>The ids of the Chromium processes running with this profile; none where /proc does not tell.</summary>
    private static List<int> ProcessesOf(string profile)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        // Every Chromium process of a profile carries its --user-data-dir; the arguments in
        // /proc/<pid>/cmdline end with a NUL each, except in the zygote's children (renderers),
        // whose command line is rewritten as one string of arguments separated by spaces.
        var marker = "--user-data-dir=" + profile;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var processId))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains(marker + "\0", StringComparison.Ordinal) || commandLine.Contains(marker + " ", StringComparison.Ordinal))
            {
                found.Add(processId);
            }
        }

        return found;
    }

    private static void KillTree(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        catch (Win32Exception)
        {
            // Exiting; nothing left to kill.
        }
    }

    private static void TryDeleteProfile(string profile)
    {
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A crash dump or lock file still open; the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
