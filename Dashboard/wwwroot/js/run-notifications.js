// "Notify me" on the run page: a browser notification when the run ends. The opt-in is kept in this browser's
// localStorage; a notification also needs the browser's permission, asked for when the viewer opts in.
const optInKey = "dashboard.notify-run-end";

const supported = () => "Notification" in window;

export function isOptedIn() {
    return localStorage.getItem(optInKey) === "on" && supported() && Notification.permission === "granted";
}

// Returns "granted", "denied", "default" (the viewer closed the prompt) or "unsupported" (no Notification API here:
// browsers offer it on https and localhost pages only).
export async function optIn() {
    if (!supported()) return "unsupported";
    const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
    if (permission === "granted") localStorage.setItem(optInKey, "on");
    return permission;
}

export function optOut() {
    localStorage.removeItem(optInKey);
}

export function notify(title, body) {
    if (isOptedIn()) new Notification(title, { body });
}
