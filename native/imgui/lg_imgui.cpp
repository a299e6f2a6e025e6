// lg_imgui.cpp — implementation of the flat C ABI in lg_imgui.h over Dear ImGui 1.86 (Debian's libimgui.a with
// its GLFW and OpenGL 3 backends). Entry points that can fail catch everything and report through the
// thread-local error message; the rest are single ImGui calls that cannot throw.

#include "lg_imgui.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <backends/imgui_impl_opengl3.h>
// The OpenGL 3 backend's own loader (gl3w, resolved from libGL.so.1 when the backend initialises): the shim
// needs glGetIntegerv and glPixelStorei only, both of which the loader provides.
#include <backends/imgui_impl_opengl3_loader.h>
#ifndef GL_UNPACK_ALIGNMENT
#define GL_UNPACK_ALIGNMENT 0x0CF5 // not in the loader's subset; the value is core GL 1.0's
#endif

#define GLFW_INCLUDE_NONE // the GL declarations come from the backend's loader above
#include <GLFW/glfw3.h>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

// One window-system event as the GLFW callbacks saw it (GLFW thread), applied to ImGui's IO at the next
// LgImgui_FrameBegin (panel thread).
struct LgInputEvent {
    enum Kind : uint8_t { MouseMove, MouseButton, Scroll, Key, Char, Leave } kind;
    int32_t code;   // button, key (GLFW codes) or Unicode code point
    int32_t down;   // 1 press/repeat, 0 release
    float x, y;     // position, or scroll offsets
};

struct LgImguiContext {
    ImGuiContext *imgui = nullptr;
    GLFWwindow *window = nullptr;
    std::string iniPath;      // io.IniFilename points into this; it lives as long as the context
    std::string recoveries;   // messages from ImGui's end-of-frame error recovery
    bool rendererReady = false;
    bool inputAttached = false;
    // Written by the GLFW thread's callbacks, read by the panel thread: guarded by inputLock.
    std::mutex inputLock;
    std::vector<LgInputEvent> pending;
    int32_t windowWidth = 0, windowHeight = 0, framebufferWidth = 0, framebufferHeight = 0;
    // Panel thread only.
    std::vector<LgInputEvent> applying;
    std::vector<bool> changedKey;
    std::chrono::steady_clock::time_point lastFrame{};
    bool hasLastFrame = false;
};

namespace {

thread_local std::string t_lastError;

int32_t fail(const std::string &what) {
    t_lastError = what;
    return LG_IMGUI_ERROR;
}

template <typename F> int32_t guarded(F &&body) {
    try {
        t_lastError.clear();
        return body();
    } catch (const std::exception &e) {
        return fail(e.what());
    } catch (...) {
        return fail("unknown C++ exception in Dear ImGui");
    }
}

inline ImVec2 v2(float x, float y) { return ImVec2(x, y); }

inline ImTextureID texture(uint32_t glTexture) {
    // The OpenGL 3 backend reads ImTextureID as the GL texture name.
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(glTexture));
}

// Which ImGuiStyleVar_ entries are ImVec2 (ImGui asserts when a variable is pushed with the wrong type).
bool isVec2Var(int32_t var) {
    switch (var) {
    case ImGuiStyleVar_WindowPadding:
    case ImGuiStyleVar_WindowMinSize:
    case ImGuiStyleVar_WindowTitleAlign:
    case ImGuiStyleVar_FramePadding:
    case ImGuiStyleVar_ItemSpacing:
    case ImGuiStyleVar_ItemInnerSpacing:
    case ImGuiStyleVar_CellPadding:
    case ImGuiStyleVar_ButtonTextAlign:
    case ImGuiStyleVar_SelectableTextAlign:
        return true;
    default:
        return false;
    }
}

// The style field a variable names (ImGui keeps this table private, so the shim spells it out once).
void *styleField(ImGuiStyle &s, int32_t var) {
    switch (var) {
    case ImGuiStyleVar_Alpha: return &s.Alpha;
    case ImGuiStyleVar_DisabledAlpha: return &s.DisabledAlpha;
    case ImGuiStyleVar_WindowPadding: return &s.WindowPadding;
    case ImGuiStyleVar_WindowRounding: return &s.WindowRounding;
    case ImGuiStyleVar_WindowBorderSize: return &s.WindowBorderSize;
    case ImGuiStyleVar_WindowMinSize: return &s.WindowMinSize;
    case ImGuiStyleVar_WindowTitleAlign: return &s.WindowTitleAlign;
    case ImGuiStyleVar_ChildRounding: return &s.ChildRounding;
    case ImGuiStyleVar_ChildBorderSize: return &s.ChildBorderSize;
    case ImGuiStyleVar_PopupRounding: return &s.PopupRounding;
    case ImGuiStyleVar_PopupBorderSize: return &s.PopupBorderSize;
    case ImGuiStyleVar_FramePadding: return &s.FramePadding;
    case ImGuiStyleVar_FrameRounding: return &s.FrameRounding;
    case ImGuiStyleVar_FrameBorderSize: return &s.FrameBorderSize;
    case ImGuiStyleVar_ItemSpacing: return &s.ItemSpacing;
    case ImGuiStyleVar_ItemInnerSpacing: return &s.ItemInnerSpacing;
    case ImGuiStyleVar_IndentSpacing: return &s.IndentSpacing;
    case ImGuiStyleVar_CellPadding: return &s.CellPadding;
    case ImGuiStyleVar_ScrollbarSize: return &s.ScrollbarSize;
    case ImGuiStyleVar_ScrollbarRounding: return &s.ScrollbarRounding;
    case ImGuiStyleVar_GrabMinSize: return &s.GrabMinSize;
    case ImGuiStyleVar_GrabRounding: return &s.GrabRounding;
    case ImGuiStyleVar_TabRounding: return &s.TabRounding;
    case ImGuiStyleVar_ButtonTextAlign: return &s.ButtonTextAlign;
    case ImGuiStyleVar_SelectableTextAlign: return &s.SelectableTextAlign;
    default: return nullptr;
    }
}

void recoveryLog(void *user, const char *fmt, ...) {
    auto *ctx = static_cast<LgImguiContext *>(user);
    char line[256];
    va_list args;
    va_start(args, fmt);
    vsnprintf(line, sizeof line, fmt, args);
    va_end(args);
    if (!ctx->recoveries.empty()) ctx->recoveries += "; ";
    ctx->recoveries += line;
}

// The backend's font upload sets GL_UNPACK_ROW_LENGTH and leaves it; keep the caller's pixel-store state.
struct UnpackStateGuard {
    GLint rowLength = 0, alignment = 4;
    UnpackStateGuard() {
        glGetIntegerv(GL_UNPACK_ROW_LENGTH, &rowLength);
        glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    }
    ~UnpackStateGuard() {
        glPixelStorei(GL_UNPACK_ROW_LENGTH, rowLength);
        glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    }
};


// ---- input: GLFW callbacks (GLFW thread) and LgImgui_Queue* (any thread) queue events; FrameBegin (panel
// thread) applies them ----

// Events waiting for the panel: about a minute of a busy mouse at 60 frames per second. A stalled panel drops
// input beyond this, never grows memory.
constexpr size_t kMaxPending = 4096;
// ImGui 1.86 keeps the state of 5 mouse buttons and 512 keys (indexed by GLFW's key codes).
constexpr int32_t kMouseButtons = IM_ARRAYSIZE(ImGuiIO::MouseDown);
constexpr int32_t kKeys = IM_ARRAYSIZE(ImGuiIO::KeysDown);

// The one way into the queue, for the window system's events and everyone else's alike, so both go through
// applyInput's rules in the order they arrived. False when the queue is full (the event is dropped).
bool queueEvent(LgImguiContext *c, const LgInputEvent &e) {
    std::lock_guard<std::mutex> lock(c->inputLock);
    if (c->pending.size() >= kMaxPending) return false;
    c->pending.push_back(e);
    return true;
}

LgImguiContext *owner(GLFWwindow *w) { return static_cast<LgImguiContext *>(glfwGetWindowUserPointer(w)); }

void push(GLFWwindow *w, LgInputEvent e) {
    if (LgImguiContext *c = owner(w)) queueEvent(c, e); // a callback has no one to report a full queue to
}

void onCursorPos(GLFWwindow *w, double x, double y) { push(w, {LgInputEvent::MouseMove, 0, 0, float(x), float(y)}); }
void onCursorEnter(GLFWwindow *w, int entered) {
    if (!entered) push(w, {LgInputEvent::Leave, 0, 0, 0, 0});
}
void onMouseButton(GLFWwindow *w, int button, int action, int) {
    if (button >= 0 && button < kMouseButtons) push(w, {LgInputEvent::MouseButton, button, action != GLFW_RELEASE, 0, 0});
}
void onScroll(GLFWwindow *w, double dx, double dy) { push(w, {LgInputEvent::Scroll, 0, 0, float(dx), float(dy)}); }
void onKey(GLFWwindow *w, int key, int, int action, int) {
    if (key >= 0 && key < kKeys) push(w, {LgInputEvent::Key, key, action != GLFW_RELEASE, 0, 0});
}
void onChar(GLFWwindow *w, unsigned int codepoint) { push(w, {LgInputEvent::Char, int32_t(codepoint), 0, 0, 0}); }
void onWindowSize(GLFWwindow *w, int width, int height) {
    if (LgImguiContext *c = owner(w)) {
        std::lock_guard<std::mutex> lock(c->inputLock);
        c->windowWidth = width;
        c->windowHeight = height;
    }
}
void onFramebufferSize(GLFWwindow *w, int width, int height) {
    if (LgImguiContext *c = owner(w)) {
        std::lock_guard<std::mutex> lock(c->inputLock);
        c->framebufferWidth = width;
        c->framebufferHeight = height;
    }
}

// Applies queued events in order. ImGui 1.86 samples button and key state once per frame, so two changes of one
// button or key in one frame (a fast click, xdotool's press and release, a second press right after a release)
// would merge or vanish: the queue stops before the second change of anything already changed this frame, and
// the rest waits for the next frame. Each press is then seen as a press, each release as a release.
// Three more rules keep a slow frame (a loaded machine: several events per frame) from changing what a person did:
//  - a key press ends the frame's key changes: xdotool, and people, let go of Ctrl before Z, so "Ctrl down" in
//    one frame and "Z down, Ctrl up" in the next would be a bare Z; the press is seen with the modifiers held
//    when it happened;
//  - a button change after the pointer moved waits for the next frame: ImGui ends a drag on the frame the button
//    is up, before it reads that frame's movement, so the drag would stop short of where the hand let go;
//  - pointer movement (leaving the window included) after a button change waits for the next frame: ImGui takes
//    a press where the pointer is at the frame's end, and a drag ignores the movement of the frame it starts in,
//    so a press followed by a quick move would land past the widget pressed, or lose that first movement.
void applyInput(LgImguiContext *c) {
    int32_t ww, wh, fw, fh;
    {
        std::lock_guard<std::mutex> lock(c->inputLock);
        c->applying.insert(c->applying.end(), c->pending.begin(), c->pending.end());
        c->pending.clear();
        ww = c->windowWidth;
        wh = c->windowHeight;
        fw = c->framebufferWidth;
        fh = c->framebufferHeight;
    }
    ImGuiIO &io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(ww), float(wh));
    if (ww > 0 && wh > 0) io.DisplayFramebufferScale = ImVec2(float(fw) / float(ww), float(fh) / float(wh));
    bool changedButton[kMouseButtons] = {};
    bool keyPressed = false, moved = false, buttonChanged = false;
    std::vector<bool> &changedKey = c->changedKey;
    changedKey.assign(kKeys, false);
    size_t used = 0;
    for (; used < c->applying.size(); ++used) {
        const LgInputEvent &e = c->applying[used];
        bool stop = false;
        switch (e.kind) {
        case LgInputEvent::MouseMove:
        case LgInputEvent::Leave: {
            ImVec2 to = e.kind == LgInputEvent::Leave ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(e.x, e.y);
            if (io.MousePos.x == to.x && io.MousePos.y == to.y) break; // no movement
            if (buttonChanged) {
                stop = true;
            } else {
                io.MousePos = to;
                moved = true;
            }
            break;
        }
        case LgInputEvent::Scroll:
            io.MouseWheelH += e.x;
            io.MouseWheel += e.y;
            break;
        case LgInputEvent::MouseButton:
            if (io.MouseDown[e.code] == (e.down != 0)) break; // no change
            if (changedButton[e.code] || moved) {
                stop = true;
            } else {
                io.MouseDown[e.code] = e.down != 0;
                changedButton[e.code] = true;
                buttonChanged = true;
            }
            break;
        case LgInputEvent::Key:
            if (io.KeysDown[e.code] == (e.down != 0)) break; // a repeat: ImGui makes its own
            if (changedKey[e.code] || keyPressed) {
                stop = true;
            } else {
                io.KeysDown[e.code] = e.down != 0;
                changedKey[e.code] = true;
                keyPressed = e.down != 0;
            }
            break;
        case LgInputEvent::Char:
            if (e.code > 0 && e.code <= 0x10FFFF) io.AddInputCharacter(unsigned(e.code));
            break;
        }
        if (stop) break;
    }
    c->applying.erase(c->applying.begin(), c->applying.begin() + long(used));
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
    auto now = std::chrono::steady_clock::now();
    float dt = c->hasLastFrame ? std::chrono::duration<float>(now - c->lastFrame).count() : 1.0f / 60.0f;
    io.DeltaTime = dt > 0.0f ? dt : 1e-6f; // ImGui asserts on a zero step
    c->lastFrame = now;
    c->hasLastFrame = true;
}

} // namespace

extern "C" {

const char *LgImgui_LastError(void) { return t_lastError.c_str(); }

const char *LgImgui_Version(void) { return ImGui::GetVersion(); }

int32_t LgImgui_ContextCreate(void *glfwWindow, const char *glslVersion, const char *iniPath, LgImguiContext **outContext) {
    return guarded([&]() -> int32_t {
        if (!outContext) return fail("outContext is NULL");
        *outContext = nullptr;
        if (!glfwWindow) return fail("no GLFW window");
        IMGUI_CHECKVERSION();
        auto *ctx = new LgImguiContext();
        ctx->window = static_cast<GLFWwindow *>(glfwWindow);
        ctx->pending.reserve(256);
        ctx->applying.reserve(256);
        ctx->imgui = ImGui::CreateContext();
        ImGui::SetCurrentContext(ctx->imgui);
        ImGuiIO &io = ImGui::GetIO();
        if (iniPath && *iniPath) {
            ctx->iniPath = iniPath;
            io.IniFilename = ctx->iniPath.c_str();
        } else {
            io.IniFilename = nullptr;
        }
        io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
        io.BackendPlatformName = "lg_imgui (GLFW events queued across threads)";
        // ImGui 1.86 reads keys from io.KeysDown[] indexed by the platform's codes; these are GLFW's.
        io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
        io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
        io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
        io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
        io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
        io.KeyMap[ImGuiKey_PageUp] = GLFW_KEY_PAGE_UP;
        io.KeyMap[ImGuiKey_PageDown] = GLFW_KEY_PAGE_DOWN;
        io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
        io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
        io.KeyMap[ImGuiKey_Insert] = GLFW_KEY_INSERT;
        io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
        io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
        io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
        io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
        io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
        io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
        io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
        io.KeyMap[ImGuiKey_C] = GLFW_KEY_C;
        io.KeyMap[ImGuiKey_V] = GLFW_KEY_V;
        io.KeyMap[ImGuiKey_X] = GLFW_KEY_X;
        io.KeyMap[ImGuiKey_Y] = GLFW_KEY_Y;
        io.KeyMap[ImGuiKey_Z] = GLFW_KEY_Z;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        if (!ImGui_ImplOpenGL3_Init(glslVersion)) {
            ImGui::DestroyContext(ctx->imgui);
            delete ctx;
            return fail("the ImGui OpenGL 3 backend could not initialise (is a GL 3 context current on this thread?)");
        }
        ctx->rendererReady = true;
        *outContext = ctx;
        return LG_IMGUI_OK;
    });
}

void LgImgui_ContextDestroy(LgImguiContext *context) {
    if (!context) return;
    try {
        ImGui::SetCurrentContext(context->imgui);
        if (ImGui::GetIO().IniFilename) ImGui::SaveIniSettingsToDisk(ImGui::GetIO().IniFilename);
        if (context->rendererReady) ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(context->imgui);
    } catch (...) {
        // Shutdown frees memory and GL objects; nothing useful can be done with a failure here.
    }
    delete context;
}

int32_t LgImgui_InputAttach(LgImguiContext *context) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        GLFWwindow *w = context->window;
        if (glfwGetWindowUserPointer(w) && glfwGetWindowUserPointer(w) != context)
            return fail("the window already belongs to another ImGui context");
        glfwSetWindowUserPointer(w, context);
        int ww = 0, wh = 0, fw = 0, fh = 0;
        glfwGetWindowSize(w, &ww, &wh);
        glfwGetFramebufferSize(w, &fw, &fh);
        {
            std::lock_guard<std::mutex> lock(context->inputLock);
            context->windowWidth = ww;
            context->windowHeight = wh;
            context->framebufferWidth = fw;
            context->framebufferHeight = fh;
        }
        glfwSetCursorPosCallback(w, onCursorPos);
        glfwSetCursorEnterCallback(w, onCursorEnter);
        glfwSetMouseButtonCallback(w, onMouseButton);
        glfwSetScrollCallback(w, onScroll);
        glfwSetKeyCallback(w, onKey);
        glfwSetCharCallback(w, onChar);
        glfwSetWindowSizeCallback(w, onWindowSize);
        glfwSetFramebufferSizeCallback(w, onFramebufferSize);
        context->inputAttached = true;
        return LG_IMGUI_OK;
    });
}

void LgImgui_InputDetach(LgImguiContext *context) {
    if (!context || !context->inputAttached) return;
    GLFWwindow *w = context->window;
    glfwSetCursorPosCallback(w, nullptr);
    glfwSetCursorEnterCallback(w, nullptr);
    glfwSetMouseButtonCallback(w, nullptr);
    glfwSetScrollCallback(w, nullptr);
    glfwSetKeyCallback(w, nullptr);
    glfwSetCharCallback(w, nullptr);
    glfwSetWindowSizeCallback(w, nullptr);
    glfwSetFramebufferSizeCallback(w, nullptr);
    glfwSetWindowUserPointer(w, nullptr);
    context->inputAttached = false;
}

void LgImgui_ContextMakeCurrent(LgImguiContext *context) {
    if (context) ImGui::SetCurrentContext(context->imgui);
}

// ---- input from elsewhere (any thread): the same queue as the GLFW callbacks ----

namespace {
int32_t queueOrFail(LgImguiContext *context, const LgInputEvent &e) {
    if (!queueEvent(context, e))
        return fail("the input queue is full (4096 events): the panel has not started a frame for a long time");
    return LG_IMGUI_OK;
}
} // namespace

int32_t LgImgui_QueueKey(LgImguiContext *context, int32_t glfwKey, int32_t down) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        if (glfwKey < 0 || glfwKey >= kKeys) return fail("key code " + std::to_string(glfwKey) + " is outside 0..511");
        return queueOrFail(context, {LgInputEvent::Key, glfwKey, down != 0, 0, 0});
    });
}

int32_t LgImgui_QueueMouseButton(LgImguiContext *context, int32_t button, int32_t down) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        if (button < 0 || button >= kMouseButtons) return fail("mouse button " + std::to_string(button) + " is outside 0..4");
        return queueOrFail(context, {LgInputEvent::MouseButton, button, down != 0, 0, 0});
    });
}

int32_t LgImgui_QueueMouseMove(LgImguiContext *context, float x, float y) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        if (!std::isfinite(x) || !std::isfinite(y)) return fail("mouse position is not finite");
        return queueOrFail(context, {LgInputEvent::MouseMove, 0, 0, x, y});
    });
}

int32_t LgImgui_QueueScroll(LgImguiContext *context, float dx, float dy) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        if (!std::isfinite(dx) || !std::isfinite(dy)) return fail("scroll offset is not finite");
        return queueOrFail(context, {LgInputEvent::Scroll, 0, 0, dx, dy});
    });
}

int32_t LgImgui_QueueChar(LgImguiContext *context, uint32_t codepoint) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        if (codepoint == 0 || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF)) {
            char what[80];
            snprintf(what, sizeof what, "U+%04X is not a character (a Unicode scalar value other than NUL)", codepoint);
            return fail(what);
        }
        return queueOrFail(context, {LgInputEvent::Char, int32_t(codepoint), 0, 0, 0});
    });
}

int32_t LgImgui_AddFontFromFile(LgImguiContext *context, const char *path, float sizePixels) {
    return guarded([&]() -> int32_t {
        if (!context || !path) return fail("no context or path");
        if (!(sizePixels >= 6.0f && sizePixels <= 96.0f)) return fail("font size must be 6..96 pixels");
        ImGui::SetCurrentContext(context->imgui);
        FILE *probe = fopen(path, "rb");
        if (!probe) return fail(std::string("cannot open font file ") + path);
        fclose(probe);
        // Latin, and the symbols the panel draws: punctuation (• … ·), arrows, maths (× ÷ ±), geometric shapes
        // (● ▶) and dingbats (✓). Static: ImGui keeps the pointer until the atlas is built.
        static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                         0x25A0, 0x25FF, 0x2700, 0x27BF, 0};
        ImFont *font = ImGui::GetIO().Fonts->AddFontFromFileTTF(path, sizePixels, nullptr, ranges);
        if (!font) return fail(std::string("not a TrueType font: ") + path);
        ImGui::GetIO().FontDefault = font;
        return LG_IMGUI_OK;
    });
}

int32_t LgImgui_SaveIni(LgImguiContext *context) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        ImGui::SetCurrentContext(context->imgui);
        if (!ImGui::GetIO().IniFilename) return fail("this context has no layout file");
        ImGui::SaveIniSettingsToDisk(ImGui::GetIO().IniFilename);
        return LG_IMGUI_OK;
    });
}

int32_t LgImgui_FrameBegin(LgImguiContext *context) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        ImGui::SetCurrentContext(context->imgui);
        {
            UnpackStateGuard unpack; // the first NewFrame uploads the font atlas
            ImGui_ImplOpenGL3_NewFrame();
        }
        applyInput(context);
        ImGui::NewFrame();
        return LG_IMGUI_OK;
    });
}

int32_t LgImgui_FrameRender(LgImguiContext *context, LgImguiDrawStats *outStats) {
    return guarded([&]() -> int32_t {
        if (!context) return fail("no context");
        ImGui::SetCurrentContext(context->imgui);
        // A Begin without End or a Push without Pop in the caller would make ImGui assert (abort the
        // process); recover instead, draw the frame, and report what was wrong.
        context->recoveries.clear();
        ImGui::ErrorCheckEndFrameRecover(recoveryLog, context);
        ImGui::Render();
        ImDrawData *data = ImGui::GetDrawData();
        ImGui_ImplOpenGL3_RenderDrawData(data);
        if (outStats) {
            outStats->commandLists = data ? data->CmdListsCount : 0;
            outStats->vertices = data ? data->TotalVtxCount : 0;
            outStats->indices = data ? data->TotalIdxCount : 0;
        }
        if (!context->recoveries.empty()) return fail("ImGui recovered from unbalanced calls: " + context->recoveries);
        return LG_IMGUI_OK;
    });
}

void LgImgui_FrameDiscard(LgImguiContext *context) {
    if (!context) return;
    ImGui::SetCurrentContext(context->imgui);
    ImGui::ErrorCheckEndFrameRecover(recoveryLog, context);
    ImGui::EndFrame();
}

void LgImgui_GetIo(LgImguiIo *out) {
    if (!out) return;
    const ImGuiIO &io = ImGui::GetIO();
    out->displayWidth = io.DisplaySize.x;
    out->displayHeight = io.DisplaySize.y;
    out->mouseX = io.MousePos.x;
    out->mouseY = io.MousePos.y;
    out->mouseDeltaX = io.MouseDelta.x;
    out->mouseDeltaY = io.MouseDelta.y;
    out->mouseWheel = io.MouseWheel;
    out->deltaTime = io.DeltaTime;
    out->framerate = io.Framerate;
    out->keyCtrl = io.KeyCtrl;
    out->keyShift = io.KeyShift;
    out->keyAlt = io.KeyAlt;
    out->keySuper = io.KeySuper;
    out->wantCaptureMouse = io.WantCaptureMouse;
    out->wantCaptureKeyboard = io.WantCaptureKeyboard;
    out->wantTextInput = io.WantTextInput;
    out->mouseDown0 = io.MouseDown[0];
    out->mouseDown1 = io.MouseDown[1];
}

// ---- style ----

void LgImgui_StyleColorsDark(void) { ImGui::StyleColorsDark(); }

int32_t LgImgui_StyleSetColor(int32_t index, float r, float g, float b, float a) {
    if (index < 0 || index >= ImGuiCol_COUNT) return fail("colour index out of range");
    ImGui::GetStyle().Colors[index] = ImVec4(r, g, b, a);
    return LG_IMGUI_OK;
}

int32_t LgImgui_StyleSetVar(int32_t var, float x, float y) {
    void *field = styleField(ImGui::GetStyle(), var);
    if (!field) return fail("style variable out of range");
    if (isVec2Var(var)) {
        *static_cast<ImVec2 *>(field) = ImVec2(x, y);
    } else {
        *static_cast<float *>(field) = x;
    }
    return LG_IMGUI_OK;
}

// ---- windows and layout ----

int32_t LgImgui_Begin(const char *name, int32_t flags) { return ImGui::Begin(name, nullptr, flags); }
void LgImgui_End(void) { ImGui::End(); }
int32_t LgImgui_BeginChild(const char *id, float width, float height, int32_t border, int32_t flags) {
    return ImGui::BeginChild(id, v2(width, height), border != 0, flags);
}
void LgImgui_EndChild(void) { ImGui::EndChild(); }
void LgImgui_SetNextWindowPos(float x, float y, int32_t cond) { ImGui::SetNextWindowPos(v2(x, y), cond); }
void LgImgui_SetNextWindowSize(float width, float height, int32_t cond) { ImGui::SetNextWindowSize(v2(width, height), cond); }
void LgImgui_GetWindowRect(float *x, float *y, float *width, float *height) {
    ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    *x = p.x;
    *y = p.y;
    *width = s.x;
    *height = s.y;
}
void LgImgui_GetContentRegionAvail(float *width, float *height) {
    ImVec2 a = ImGui::GetContentRegionAvail();
    *width = a.x;
    *height = a.y;
}
void LgImgui_GetCursorScreenPos(float *x, float *y) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    *x = p.x;
    *y = p.y;
}
void LgImgui_SetCursorScreenPos(float x, float y) { ImGui::SetCursorScreenPos(v2(x, y)); }
void LgImgui_SameLine(float offsetFromStartX, float spacing) { ImGui::SameLine(offsetFromStartX, spacing); }
void LgImgui_Separator(void) { ImGui::Separator(); }
void LgImgui_Spacing(void) { ImGui::Spacing(); }
void LgImgui_Dummy(float width, float height) { ImGui::Dummy(v2(width, height)); }
void LgImgui_BeginGroup(void) { ImGui::BeginGroup(); }
void LgImgui_EndGroup(void) { ImGui::EndGroup(); }
void LgImgui_PushIdStr(const char *id) { ImGui::PushID(id); }
void LgImgui_PushIdInt(int32_t id) { ImGui::PushID(id); }
void LgImgui_PopId(void) {
    // The window's own ID is the stack's floor; popping it would assert.
    ImGuiWindow *w = ImGui::GetCurrentWindow();
    if (w && w->IDStack.Size > 1) ImGui::PopID();
}
void LgImgui_PushStyleColor(int32_t index, uint32_t color) {
    if (index >= 0 && index < ImGuiCol_COUNT) ImGui::PushStyleColor(index, color);
}
void LgImgui_PopStyleColor(int32_t count) {
    int32_t pushed = ImGui::GetCurrentContext()->ColorStack.Size;
    ImGui::PopStyleColor(count < pushed ? count : pushed);
}
void LgImgui_PushStyleVar(int32_t var, float x, float y) {
    if (var < 0 || var >= ImGuiStyleVar_COUNT) return;
    if (isVec2Var(var)) {
        ImGui::PushStyleVar(var, v2(x, y));
    } else {
        ImGui::PushStyleVar(var, x);
    }
}
void LgImgui_PopStyleVar(int32_t count) {
    int32_t pushed = ImGui::GetCurrentContext()->StyleVarStack.Size;
    ImGui::PopStyleVar(count < pushed ? count : pushed);
}
void LgImgui_SetNextItemWidth(float width) { ImGui::SetNextItemWidth(width); }
float LgImgui_GetFrameHeight(void) { return ImGui::GetFrameHeight(); }
float LgImgui_GetTextLineHeight(void) { return ImGui::GetTextLineHeight(); }

// ---- text ----

void LgImgui_Text(const char *text, const char *textEnd) { ImGui::TextUnformatted(text, textEnd); }
void LgImgui_TextColored(uint32_t color, const char *text, const char *textEnd) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text, textEnd);
    ImGui::PopStyleColor();
}
void LgImgui_CalcTextSize(const char *text, const char *textEnd, float *width, float *height) {
    ImVec2 s = ImGui::CalcTextSize(text, textEnd);
    *width = s.x;
    *height = s.y;
}
void LgImgui_SetTooltip(const char *text) { ImGui::SetTooltip("%s", text); }

// ---- widgets ----

int32_t LgImgui_Button(const char *label, float width, float height) { return ImGui::Button(label, v2(width, height)); }
int32_t LgImgui_InvisibleButton(const char *id, float width, float height, int32_t flags) {
    // ImGui asserts on a zero-sized invisible button.
    if (!(width > 0.0f) || !(height > 0.0f)) return 0;
    return ImGui::InvisibleButton(id, v2(width, height), flags);
}
int32_t LgImgui_Checkbox(const char *label, int32_t *value) {
    bool v = *value != 0;
    bool changed = ImGui::Checkbox(label, &v);
    *value = v ? 1 : 0;
    return changed;
}
int32_t LgImgui_RadioButton(const char *label, int32_t active) { return ImGui::RadioButton(label, active != 0); }
int32_t LgImgui_Selectable(const char *label, int32_t selected, int32_t flags, float width, float height) {
    return ImGui::Selectable(label, selected != 0, flags, v2(width, height));
}
int32_t LgImgui_DragFloat(const char *label, float *value, float speed, float min, float max, const char *format,
                          int32_t flags) {
    return ImGui::DragFloat(label, value, speed, min, max, format, flags);
}
int32_t LgImgui_SliderFloat(const char *label, float *value, float min, float max, const char *format, int32_t flags) {
    return ImGui::SliderFloat(label, value, min, max, format, flags);
}
int32_t LgImgui_InputText(const char *label, char *buffer, int32_t bufferSize, int32_t flags) {
    if (!buffer || bufferSize < 1) return 0;
    return ImGui::InputText(label, buffer, static_cast<size_t>(bufferSize), flags);
}
int32_t LgImgui_BeginCombo(const char *label, const char *preview, int32_t flags) {
    return ImGui::BeginCombo(label, preview, flags);
}
void LgImgui_EndCombo(void) { ImGui::EndCombo(); }
int32_t LgImgui_BeginTabBar(const char *id, int32_t flags) { return ImGui::BeginTabBar(id, flags); }
void LgImgui_EndTabBar(void) { ImGui::EndTabBar(); }
int32_t LgImgui_BeginTabItem(const char *label, int32_t flags) { return ImGui::BeginTabItem(label, nullptr, flags); }
void LgImgui_EndTabItem(void) { ImGui::EndTabItem(); }
void LgImgui_Image(uint32_t glTexture, float width, float height, float u0, float v0, float u1, float v1) {
    ImGui::Image(texture(glTexture), v2(width, height), v2(u0, v0), v2(u1, v1));
}

// ---- tables ----

int32_t LgImgui_BeginTable(const char *id, int32_t columns, int32_t flags, float width, float height) {
    // ImGui asserts outside 1..64 columns.
    if (columns < 1 || columns > 64) return 0;
    return ImGui::BeginTable(id, columns, flags, v2(width, height));
}
void LgImgui_EndTable(void) { ImGui::EndTable(); }
void LgImgui_TableSetupColumn(const char *label, int32_t flags, float width) {
    ImGui::TableSetupColumn(label, flags, width);
}
void LgImgui_TableHeadersRow(void) { ImGui::TableHeadersRow(); }
void LgImgui_TableNextRow(int32_t flags, float minHeight) { ImGui::TableNextRow(flags, minHeight); }
int32_t LgImgui_TableNextColumn(void) { return ImGui::TableNextColumn(); }
void LgImgui_TableSetBgColor(int32_t target, uint32_t color, int32_t column) {
    ImGui::TableSetBgColor(target, color, column);
}

// ---- popups ----

void LgImgui_OpenPopup(const char *id) { ImGui::OpenPopup(id); }
int32_t LgImgui_BeginPopup(const char *id, int32_t flags) { return ImGui::BeginPopup(id, flags); }
void LgImgui_EndPopup(void) { ImGui::EndPopup(); }
void LgImgui_CloseCurrentPopup(void) { ImGui::CloseCurrentPopup(); }

// ---- the last item and the mouse ----

int32_t LgImgui_IsItemHovered(void) { return ImGui::IsItemHovered(); }
int32_t LgImgui_IsItemActive(void) { return ImGui::IsItemActive(); }
int32_t LgImgui_IsItemActivated(void) { return ImGui::IsItemActivated(); }
int32_t LgImgui_IsItemDeactivatedAfterEdit(void) { return ImGui::IsItemDeactivatedAfterEdit(); }
int32_t LgImgui_IsItemClicked(int32_t button) {
    return button >= 0 && button < ImGuiMouseButton_COUNT && ImGui::IsItemClicked(button);
}
void LgImgui_GetItemRect(float *x0, float *y0, float *x1, float *y1) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    *x0 = a.x;
    *y0 = a.y;
    *x1 = b.x;
    *y1 = b.y;
}
int32_t LgImgui_IsMouseDoubleClicked(int32_t button) {
    return button >= 0 && button < ImGuiMouseButton_COUNT && ImGui::IsMouseDoubleClicked(button);
}
void LgImgui_SetKeyboardFocusHere(int32_t offset) { ImGui::SetKeyboardFocusHere(offset); }

// ---- keyboard ----
// ImGui 1.86's GLFW backend stores key state in io.KeysDown[] indexed by GLFW key code (the named
// ImGuiKey_ values arrived in 1.87), so the GLFW code is the index ImGui::IsKeyPressed takes.

int32_t LgImgui_IsKeyPressed(int32_t glfwKey, int32_t repeat) {
    if (glfwKey < 0 || glfwKey >= IM_ARRAYSIZE(ImGuiIO::KeysDown)) return 0;
    return ImGui::IsKeyPressed(glfwKey, repeat != 0);
}
int32_t LgImgui_IsKeyDown(int32_t glfwKey) {
    if (glfwKey < 0 || glfwKey >= IM_ARRAYSIZE(ImGuiIO::KeysDown)) return 0;
    return ImGui::IsKeyDown(glfwKey);
}

// ---- drawing ----

void LgImgui_DrawLine(float x0, float y0, float x1, float y1, uint32_t color, float thickness) {
    ImGui::GetWindowDrawList()->AddLine(v2(x0, y0), v2(x1, y1), color, thickness);
}
void LgImgui_DrawRect(float x0, float y0, float x1, float y1, uint32_t color, float rounding, float thickness) {
    ImGui::GetWindowDrawList()->AddRect(v2(x0, y0), v2(x1, y1), color, rounding, 0, thickness);
}
void LgImgui_DrawRectFilled(float x0, float y0, float x1, float y1, uint32_t color, float rounding) {
    ImGui::GetWindowDrawList()->AddRectFilled(v2(x0, y0), v2(x1, y1), color, rounding);
}
void LgImgui_DrawCircle(float cx, float cy, float radius, uint32_t color, int32_t segments, float thickness) {
    ImGui::GetWindowDrawList()->AddCircle(v2(cx, cy), radius, color, segments, thickness);
}
void LgImgui_DrawCircleFilled(float cx, float cy, float radius, uint32_t color, int32_t segments) {
    ImGui::GetWindowDrawList()->AddCircleFilled(v2(cx, cy), radius, color, segments);
}
void LgImgui_DrawTriangleGradient(float x0, float y0, uint32_t c0, float x1, float y1, uint32_t c1, float x2, float y2,
                                  uint32_t c2) {
    ImDrawList *dl = ImGui::GetWindowDrawList();
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    dl->PrimReserve(3, 3);
    dl->PrimVtx(v2(x0, y0), uv, c0);
    dl->PrimVtx(v2(x1, y1), uv, c1);
    dl->PrimVtx(v2(x2, y2), uv, c2);
}
void LgImgui_DrawText(float x, float y, uint32_t color, const char *text, const char *textEnd) {
    ImGui::GetWindowDrawList()->AddText(v2(x, y), color, text, textEnd);
}
void LgImgui_DrawImage(uint32_t glTexture, float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1,
                       uint32_t tint) {
    ImGui::GetWindowDrawList()->AddImage(texture(glTexture), v2(x0, y0), v2(x1, y1), v2(u0, v0), v2(u1, v1), tint);
}
void LgImgui_PushClipRect(float x0, float y0, float x1, float y1, int32_t intersect) {
    ImGui::PushClipRect(v2(x0, y0), v2(x1, y1), intersect != 0);
}
void LgImgui_PopClipRect(void) { ImGui::PopClipRect(); }

} // extern "C"
