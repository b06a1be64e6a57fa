// Progressive enhancement for the video player: nothing is loaded from the video host until the
// visitor presses play. Without JavaScript, "Play video" is a plain link to the host's own page.
document.addEventListener("DOMContentLoaded", () => {
  for (const player of document.querySelectorAll("[data-video-player]")) {
    const link = player.querySelector("[data-video-play]");
    const embedUrl = player.dataset.embedUrl || "";
    if (!link || !embedUrl.startsWith("https://")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.replaceChildren(...link.childNodes);
    link.replaceWith(button);
    button.addEventListener("click", () => {
      const frame = document.createElement("iframe");
      const url = new URL(embedUrl);
      url.searchParams.set("autoplay", "1");
      frame.src = url.toString();
      // The fallback name is rendered by the template ({% translate %}); English only without it.
      frame.title = player.dataset.videoTitle || player.dataset.videoFallbackTitle || "Video";
      frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "video-player__frame";
      player.replaceChildren(frame);
      frame.focus();
    });
  }
});
