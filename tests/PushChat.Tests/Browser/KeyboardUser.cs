using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace PushChat.Tests.Browser;

/// <summary>
/// A person who uses only the keyboard: keys go to whatever has the focus (never to an element
/// picked by the test), focus moves only by Tab and Shift+Tab, and every control reached must show
/// its focus. Every document the keys reach counts mouse and pointer events, so a test can prove
/// that none happened.
/// </summary>
internal sealed class KeyboardUser
{
    // The focused element, followed through the frames that hold it, with how its focus shows.
    private const string FocusedScript = """
        let doc = document, el = document.activeElement, frame = '';
        while (el && (el.tagName === 'FRAME' || el.tagName === 'IFRAME') && el.contentDocument) {
          frame = el.name || el.id; doc = el.contentDocument; el = doc.activeElement;
        }
        if (!el || el === doc.body || el === doc.documentElement) return null;
        const s = doc.defaultView.getComputedStyle(el);
        const region = el.closest('#people') ? 'people' : el.closest('.rooms, .new-room') ? 'rooms' : el.closest('.leave') ? 'leave' : '';
        return [frame, el.tagName.toLowerCase(), el.id || '', el.getAttribute('name') || '', (el.getAttribute('aria-label') || (el.tagName === 'SELECT' ? (el.selectedOptions[0] || {}).text : el.textContent) || el.value || '').trim().slice(0, 40),
          s.outlineStyle, s.outlineWidth, s.boxShadow, region, el.matches(':focus-visible') ? 'visible' : '', doc.hasFocus() ? 'focused' : ''];
        """;

    // Counts mouse and pointer events of the top document and every frame's, in the tab's session storage.
    private const string GuardScript = """
        const docs = [document];
        for (const f of document.querySelectorAll('frame, iframe')) { if (f.contentDocument) docs.push(f.contentDocument); }
        for (const d of docs) {
          const w = d.defaultView;
          if (!w || w.pushChatMouseGuard) continue;
          w.pushChatMouseGuard = true;
          for (const type of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'pointerup', 'pointermove', 'wheel', 'contextmenu']) {
            w.addEventListener(type, () => { sessionStorage.pushChatMouseEvents = String(Number(sessionStorage.pushChatMouseEvents || 0) + 1); }, true);
          }
        }
        return Number(sessionStorage.pushChatMouseEvents || 0);
        """;

    private readonly ChromiumBrowser _browser;
    private int _mouseEvents;

    public KeyboardUser(ChromiumBrowser browser)
    {
        _browser = browser;

        // A headless window never gets the system's focus, and a document without it matches no
        // :focus (nor its outline) until the first key arrives; a person's window has it all along.
        _browser.Cdp("Emulation.setFocusEmulationEnabled", new() { ["enabled"] = true });
    }

    /// <summary>Every control that had the focus, in order, as "frame tag#id name text [region]".</summary>
    public List<string> Visited { get; } = [];

    /// <summary>The controls whose focus did not show, with their computed outline and shadow.</summary>
    public List<string> Unseen { get; } = [];

    /// <summary>Mouse and pointer events seen so far by the documents the keys went to.</summary>
    public int MouseEvents => Math.Max(_mouseEvents, Guard());

    /// <summary>Presses keys (typing, Enter, arrows) into whatever has the focus.</summary>
    public void Press(string keys)
    {
        _mouseEvents = Math.Max(_mouseEvents, Guard());
        new Actions(_browser.Driver).SendKeys(keys).Perform();
    }

    /// <summary>Presses Shift+Tab.</summary>
    public void ShiftTab()
    {
        _mouseEvents = Math.Max(_mouseEvents, Guard());
        new Actions(_browser.Driver).KeyDown(Keys.Shift).SendKeys(Keys.Tab).KeyUp(Keys.Shift).Perform();
    }

    /// <summary>Waits until the focus is on a control matching <paramref name="what"/> (e.g. autofocus after a page loads), in a document that has the focus.</summary>
    public Focus WaitForFocus(string what, Func<Focus, bool> matches) =>
        _browser.WaitFor($"the focus on {what}", () => Current() is { DocumentFocused: true } focus && matches(focus) ? Record(focus) : null);

    /// <summary>Presses Tab (or Shift+Tab) until the focus is on a control matching <paramref name="matches"/>; every control passed must show its focus.</summary>
    public Focus TabTo(string what, Func<Focus, bool> matches, bool backwards = false)
    {
        if (Current() is { } already && matches(already))
        {
            return already;
        }

        for (var i = 0; i < 40; i++)
        {
            if (backwards)
            {
                ShiftTab();
            }
            else
            {
                Press(Keys.Tab);
            }


            // The focus moves in the page's own time; a step that leaves nothing focused (the frameset between frames) counts too.
            var focus = _browser.WaitFor("the focus after a Tab", () => Current() ?? Focus.Nowhere);
            if (focus != Focus.Nowhere)
            {
                Record(focus);
            }

            if (focus != Focus.Nowhere && matches(focus))
            {
                return focus;
            }
        }

        Assert.Fail($"{what} was not reached by Tab; the focus went through:\n  " + string.Join("\n  ", Visited));
        return Focus.Nowhere;
    }

    public Focus? Current()
    {
        _browser.LeaveFrames();
        if (_browser.Script(FocusedScript) is not IEnumerable<object> raw)
        {
            return null;
        }

        var f = raw.Select(o => (string)o).ToArray();
        return new Focus(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9] == "visible", f[10] == "focused");
    }

    private Focus Record(Focus focus)
    {
        if (Visited.Count == 0 || Visited[^1] != focus.ToString())
        {
            Visited.Add(focus.ToString());
        }

        if (!focus.Shows && !Unseen.Contains(focus.ToString() + focus.Style))
        {
            Unseen.Add(focus.ToString() + focus.Style);
        }

        return focus;
    }

    private int Guard()
    {
        _browser.LeaveFrames();
        return Convert.ToInt32(_browser.Script(GuardScript), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A focused control: its frame ("" at the top), tag, id, name, text, how its focus shows, and the page region it is in.</summary>
    public sealed record Focus(string Frame, string Tag, string Id, string Name, string Text, string OutlineStyle, string OutlineWidth, string BoxShadow, string Region, bool FocusVisible, bool DocumentFocused)
    {
        public static readonly Focus Nowhere = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "none", "0px", "none", string.Empty, false, false);

        /// <summary>Whether the focus shows: an outline at least 2 px wide, or a shadow.</summary>
        public bool Shows => (OutlineStyle != "none" && double.TryParse(OutlineWidth.Replace("px", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture, out var width) && width >= 2)
            || BoxShadow != "none";

        public string Style => $" (outline {OutlineStyle} {OutlineWidth}, shadow {BoxShadow}, :focus-visible {FocusVisible})";

        public override string ToString() => $"{(Frame.Length > 0 ? Frame + ": " : string.Empty)}{Tag}{(Id.Length > 0 ? "#" + Id : string.Empty)}{(Name.Length > 0 ? " name=" + Name : string.Empty)} '{Text}'{(Region.Length > 0 ? " [" + Region + "]" : string.Empty)}";
    }
}
