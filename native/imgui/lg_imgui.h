/*
 * lg_imgui.h — LiveGrade's flat C ABI over Dear ImGui (Debian's libimgui-dev 1.86: the library, its GLFW
 * platform backend and its OpenGL 3 renderer backend).
 *
 * Rules (design.md, "Native shims"):
 *  - Thin and 1:1: each function is one ImGui call (or its backends' fixed new-frame/render sequence).
 *    What the panel shows and does lives in C# (src/LiveGrade.App/Panel).
 *  - Fixed-width types only; the one handle (a context) is opaque and created/destroyed in pairs.
 *  - Fallible functions return int32_t: LG_IMGUI_OK (0) or LG_IMGUI_ERROR (-1), the message kept in a
 *    thread-local buffer read with LgImgui_LastError() on the same thread. No C++ exception crosses.
 *  - Strings in are UTF-8 and NUL-terminated, borrowed for the call. Colours are packed 0xAABBGGRR
 *    (ImGui's IM_COL32), coordinates are window-system pixels with the origin top left.
 *  - Widget functions return 1 when ImGui's function returns true, else 0.
 *
 * Threading: GLFW wants window-system calls on one thread (LiveGrade's "lg-glfw", src/LiveGrade.Gpu/Glfw),
 * while the window's GL context is current on another (the panel thread). So the shim does not use ImGui's
 * GLFW backend (which writes ImGui's IO from the callbacks): LgImgui_InputAttach/Detach run on the GLFW
 * thread and install callbacks that queue events under a mutex; LgImgui_Queue* queue events the same way
 * from any thread; LgImgui_FrameBegin, on the panel thread, applies them. Every other call for a context,
 * from LgImgui_ContextCreate to LgImgui_ContextDestroy, comes from the panel thread (Dear ImGui keeps its
 * current context in a process-wide global: run one panel context at a time). Widget calls are valid
 * between LgImgui_FrameBegin and LgImgui_FrameRender only.
 *
 * Input: LgImgui_FrameBegin applies queued events in the order they came, from the window and from
 * LgImgui_Queue* alike. ImGui 1.86 samples buttons and keys once a frame, so a slow frame that took every
 * waiting event would merge or reorder what a person did. A frame therefore stops at the first event that
 * would be misread, and that event and all after it wait for the next frame:
 *  (1) a second change of a button or key already changed in this frame (a press and its release queued
 *      before one frame are a press in that frame and a release in the next; two clicks are two clicks);
 *  (2) any key change after a key press in this frame: the press is seen with the modifiers held when it
 *      happened (Ctrl down, Z down, Ctrl up is Ctrl+Z, also when Ctrl went down a frame earlier);
 *  (3) a mouse button change after the pointer moved in this frame: ImGui ends a drag on the frame the
 *      button is up, before it reads that frame's movement, so the movement gets a frame of its own;
 *  (4) pointer movement (leaving the window included) after a button change in this frame: ImGui takes a
 *      press where the pointer is at the frame's end and a drag ignores the movement of the frame it starts
 *      in, so the press is seen where it happened and the drag gets all of the movement.
 * Scrolling and characters never wait by themselves.
 *
 * GL state: LgImgui_FrameRender draws into the framebuffer bound (and leaves it bound) with the OpenGL 3
 * backend, which saves and restores the state it changes (program, active texture unit, the 2D binding
 * and sampler of unit 0, array buffer, vertex array (and so its element buffer), polygon mode, viewport,
 * scissor box, blend equations and factors, and the enables for blend, cull face, depth, stencil, scissor
 * and primitive restart). The backend's font upload (on the first frame, or after a font change) sets
 * GL_UNPACK_ROW_LENGTH without restoring it; this shim restores it and GL_UNPACK_ALIGNMENT. Tests check
 * every one of these, and the input rules above through LgImgui_Queue* (all but the pointer leaving the
 * window, which only the window system reports) (tests/LiveGrade.Interop.Tests/Imgui).
 */
#ifndef LG_IMGUI_H
#define LG_IMGUI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LG_IMGUI_OK 0
#define LG_IMGUI_ERROR (-1)

#define LG_IMGUI_EXPORT __attribute__((visibility("default")))

typedef struct LgImguiContext LgImguiContext; /* an ImGui context bound to one GLFW window and GL context */

/* What the panel reads from ImGui's IO once per frame (after LgImgui_FrameBegin). */
typedef struct LgImguiIo {
    float displayWidth, displayHeight; /* window size in pixels */
    float mouseX, mouseY;              /* mouse position; -FLT_MAX when outside */
    float mouseDeltaX, mouseDeltaY;
    float mouseWheel;
    float deltaTime;   /* seconds since the previous frame */
    float framerate;   /* ImGui's moving average, frames per second */
    int32_t keyCtrl, keyShift, keyAlt, keySuper;
    int32_t wantCaptureMouse, wantCaptureKeyboard, wantTextInput;
    int32_t mouseDown0, mouseDown1;
} LgImguiIo;

/* Counts of the last rendered frame (LgImgui_FrameRender). */
typedef struct LgImguiDrawStats {
    int32_t commandLists, vertices, indices;
} LgImguiDrawStats;

/* Last error message on this thread ("" if none). */
LG_IMGUI_EXPORT const char *LgImgui_LastError(void);

/* Dear ImGui's version string, e.g. "1.86". Static storage. */
LG_IMGUI_EXPORT const char *LgImgui_Version(void);

/* ---- context and frames ---- */

/*
 * Creates a context for glfwWindow (a GLFWwindow*, whose GL context must be current on this thread) and
 * the OpenGL 3 renderer. Input arrives once LgImgui_InputAttach has run on the GLFW thread.
 * glslVersion: the "#version ..." line for the backend's shaders (e.g. "#version 330 core").
 * iniPath: where the window layout is loaded from and saved to (copied); NULL: no layout file.
 * Keyboard navigation stays off: the panel's shortcuts own the keys.
 */
LG_IMGUI_EXPORT int32_t LgImgui_ContextCreate(void *glfwWindow, const char *glslVersion, const char *iniPath,
                                              LgImguiContext **outContext);
/* Saves the layout file, shuts the backends down (GL objects: the GL context must be current) and frees. */
LG_IMGUI_EXPORT void LgImgui_ContextDestroy(LgImguiContext *context);
/* GLFW thread: takes the window's user pointer and input/size callbacks and queues their events for
 * the next LgImgui_FrameBegin. Fails when the window's user pointer already holds something else. */
LG_IMGUI_EXPORT int32_t LgImgui_InputAttach(LgImguiContext *context);
/* GLFW thread: removes the callbacks (call before LgImgui_ContextDestroy). */
LG_IMGUI_EXPORT void LgImgui_InputDetach(LgImguiContext *context);
/* Makes the context ImGui's current one (needed before glfwPollEvents when several contexts exist). */
LG_IMGUI_EXPORT void LgImgui_ContextMakeCurrent(LgImguiContext *context);

/*
 * Input from a source other than the window system (a remote panel, a control surface, tests). Each call
 * queues one event into the queue the GLFW callbacks use, behind whatever is already waiting, and the next
 * LgImgui_FrameBegin applies it under the same rules ("Input" above). Any thread; the context must outlive
 * the call. The window's size still comes from the window system: without LgImgui_InputAttach ImGui sees a
 * 0x0 display. Fail, dropping the event, on a value out of range or when 4096 events are already waiting
 * (a panel that has stopped taking frames drops input, it does not grow).
 */
/* glfwKey: a GLFW key code 0..511 (GLFW_KEY_A = 65, GLFW_KEY_LEFT_CONTROL = 341); down: 1 press, 0 release.
 * A press of a key already down is a repeat and changes nothing (ImGui makes its own repeats). */
LG_IMGUI_EXPORT int32_t LgImgui_QueueKey(LgImguiContext *context, int32_t glfwKey, int32_t down);
/* button: 0 left, 1 right, 2 middle, 3..4 extra; down: 1 press, 0 release. */
LG_IMGUI_EXPORT int32_t LgImgui_QueueMouseButton(LgImguiContext *context, int32_t button, int32_t down);
/* The pointer's new position in window pixels (origin top left); finite. */
LG_IMGUI_EXPORT int32_t LgImgui_QueueMouseMove(LgImguiContext *context, float x, float y);
/* Wheel offsets as GLFW gives them (one notch = 1; dy > 0 scrolls up); finite, summed within a frame. */
LG_IMGUI_EXPORT int32_t LgImgui_QueueScroll(LgImguiContext *context, float dx, float dy);
/* One typed character (a Unicode scalar value, not NUL): text for the focused text field. */
LG_IMGUI_EXPORT int32_t LgImgui_QueueChar(LgImguiContext *context, uint32_t codepoint);

/* Adds a TrueType font at sizePixels and makes it the default (call before the first frame). */
LG_IMGUI_EXPORT int32_t LgImgui_AddFontFromFile(LgImguiContext *context, const char *path, float sizePixels);
/* Writes the layout file now (ImGui also writes it every few seconds after a change). */
LG_IMGUI_EXPORT int32_t LgImgui_SaveIni(LgImguiContext *context);

/* Starts a frame: renderer new-frame, the queued input and the window size applied, then ImGui::NewFrame. */
LG_IMGUI_EXPORT int32_t LgImgui_FrameBegin(LgImguiContext *context);
/* Ends the frame and draws it into the framebuffer bound now (ImGui::Render + the GL3 backend). */
LG_IMGUI_EXPORT int32_t LgImgui_FrameRender(LgImguiContext *context, LgImguiDrawStats *outStats);
/* Ends the frame without drawing (ImGui::EndFrame), e.g. when the window is minimised. */
LG_IMGUI_EXPORT void LgImgui_FrameDiscard(LgImguiContext *context);

LG_IMGUI_EXPORT void LgImgui_GetIo(LgImguiIo *out);

/* ---- style ---- */

/* ImGui's dark colours as the base. */
LG_IMGUI_EXPORT void LgImgui_StyleColorsDark(void);
/* Sets one ImGuiCol_ entry (0..ImGuiCol_COUNT-1) to a colour given as floats 0..1. */
LG_IMGUI_EXPORT int32_t LgImgui_StyleSetColor(int32_t index, float r, float g, float b, float a);
/* Sets one ImGuiStyleVar_ (0..ImGuiStyleVar_COUNT-1) permanently; y is ignored for float variables. */
LG_IMGUI_EXPORT int32_t LgImgui_StyleSetVar(int32_t var, float x, float y);

/* ---- windows and layout ---- */

/* Begin returns 1 when the window's contents are visible; LgImgui_End must be called either way. */
LG_IMGUI_EXPORT int32_t LgImgui_Begin(const char *name, int32_t flags);
LG_IMGUI_EXPORT void LgImgui_End(void);
/* BeginChild returns 1 when visible; LgImgui_EndChild must be called either way. */
LG_IMGUI_EXPORT int32_t LgImgui_BeginChild(const char *id, float width, float height, int32_t border, int32_t flags);
LG_IMGUI_EXPORT void LgImgui_EndChild(void);
LG_IMGUI_EXPORT void LgImgui_SetNextWindowPos(float x, float y, int32_t cond);
LG_IMGUI_EXPORT void LgImgui_SetNextWindowSize(float width, float height, int32_t cond);
/* Position and size of the current window. */
LG_IMGUI_EXPORT void LgImgui_GetWindowRect(float *x, float *y, float *width, float *height);
LG_IMGUI_EXPORT void LgImgui_GetContentRegionAvail(float *width, float *height);
LG_IMGUI_EXPORT void LgImgui_GetCursorScreenPos(float *x, float *y);
LG_IMGUI_EXPORT void LgImgui_SetCursorScreenPos(float x, float y);
LG_IMGUI_EXPORT void LgImgui_SameLine(float offsetFromStartX, float spacing);
LG_IMGUI_EXPORT void LgImgui_Separator(void);
LG_IMGUI_EXPORT void LgImgui_Spacing(void);
LG_IMGUI_EXPORT void LgImgui_Dummy(float width, float height);
LG_IMGUI_EXPORT void LgImgui_BeginGroup(void);
LG_IMGUI_EXPORT void LgImgui_EndGroup(void);
LG_IMGUI_EXPORT void LgImgui_PushIdStr(const char *id);
LG_IMGUI_EXPORT void LgImgui_PushIdInt(int32_t id);
LG_IMGUI_EXPORT void LgImgui_PopId(void);
LG_IMGUI_EXPORT void LgImgui_PushStyleColor(int32_t index, uint32_t color);
LG_IMGUI_EXPORT void LgImgui_PopStyleColor(int32_t count);
LG_IMGUI_EXPORT void LgImgui_PushStyleVar(int32_t var, float x, float y);
LG_IMGUI_EXPORT void LgImgui_PopStyleVar(int32_t count);
LG_IMGUI_EXPORT void LgImgui_SetNextItemWidth(float width);
LG_IMGUI_EXPORT float LgImgui_GetFrameHeight(void);
LG_IMGUI_EXPORT float LgImgui_GetTextLineHeight(void);

/* ---- text ---- */

/* Draws text [text, textEnd) (textEnd NULL: to the NUL) without formatting. */
LG_IMGUI_EXPORT void LgImgui_Text(const char *text, const char *textEnd);
LG_IMGUI_EXPORT void LgImgui_TextColored(uint32_t color, const char *text, const char *textEnd);
LG_IMGUI_EXPORT void LgImgui_CalcTextSize(const char *text, const char *textEnd, float *width, float *height);
LG_IMGUI_EXPORT void LgImgui_SetTooltip(const char *text);

/* ---- widgets ---- */

LG_IMGUI_EXPORT int32_t LgImgui_Button(const char *label, float width, float height);
LG_IMGUI_EXPORT int32_t LgImgui_InvisibleButton(const char *id, float width, float height, int32_t flags);
LG_IMGUI_EXPORT int32_t LgImgui_Checkbox(const char *label, int32_t *value);
LG_IMGUI_EXPORT int32_t LgImgui_RadioButton(const char *label, int32_t active);
LG_IMGUI_EXPORT int32_t LgImgui_Selectable(const char *label, int32_t selected, int32_t flags, float width, float height);
/* Drag: Shift speeds it up 10x and Alt slows it 100x (ImGui 1.86's own factors); Ctrl+click types a value. */
LG_IMGUI_EXPORT int32_t LgImgui_DragFloat(const char *label, float *value, float speed, float min, float max,
                                         const char *format, int32_t flags);
LG_IMGUI_EXPORT int32_t LgImgui_SliderFloat(const char *label, float *value, float min, float max, const char *format,
                                           int32_t flags);
/* Edits a NUL-terminated UTF-8 buffer of bufferSize bytes in place. */
LG_IMGUI_EXPORT int32_t LgImgui_InputText(const char *label, char *buffer, int32_t bufferSize, int32_t flags);
LG_IMGUI_EXPORT int32_t LgImgui_BeginCombo(const char *label, const char *preview, int32_t flags);
LG_IMGUI_EXPORT void LgImgui_EndCombo(void);
LG_IMGUI_EXPORT int32_t LgImgui_BeginTabBar(const char *id, int32_t flags);
LG_IMGUI_EXPORT void LgImgui_EndTabBar(void);
LG_IMGUI_EXPORT int32_t LgImgui_BeginTabItem(const char *label, int32_t flags);
LG_IMGUI_EXPORT void LgImgui_EndTabItem(void);
/* A GL texture name drawn as an image (uv0 top left, uv1 bottom right of the texture area shown). */
LG_IMGUI_EXPORT void LgImgui_Image(uint32_t glTexture, float width, float height, float u0, float v0, float u1, float v1);

/* ---- tables ---- */

LG_IMGUI_EXPORT int32_t LgImgui_BeginTable(const char *id, int32_t columns, int32_t flags, float width, float height);
LG_IMGUI_EXPORT void LgImgui_EndTable(void);
LG_IMGUI_EXPORT void LgImgui_TableSetupColumn(const char *label, int32_t flags, float width);
LG_IMGUI_EXPORT void LgImgui_TableHeadersRow(void);
LG_IMGUI_EXPORT void LgImgui_TableNextRow(int32_t flags, float minHeight);
LG_IMGUI_EXPORT int32_t LgImgui_TableNextColumn(void);
/* Colours a cell (target ImGuiTableBgTarget_CellBg = 3) or row background in the current row. */
LG_IMGUI_EXPORT void LgImgui_TableSetBgColor(int32_t target, uint32_t color, int32_t column);

/* ---- popups ---- */

LG_IMGUI_EXPORT void LgImgui_OpenPopup(const char *id);
LG_IMGUI_EXPORT int32_t LgImgui_BeginPopup(const char *id, int32_t flags);
LG_IMGUI_EXPORT void LgImgui_EndPopup(void);
LG_IMGUI_EXPORT void LgImgui_CloseCurrentPopup(void);

/* ---- the last item and the mouse ---- */

LG_IMGUI_EXPORT int32_t LgImgui_IsItemHovered(void);
LG_IMGUI_EXPORT int32_t LgImgui_IsItemActive(void);
LG_IMGUI_EXPORT int32_t LgImgui_IsItemActivated(void);
/* True on the frame an edit ends (mouse released after a drag, Enter after typing): one undo step. */
LG_IMGUI_EXPORT int32_t LgImgui_IsItemDeactivatedAfterEdit(void);
LG_IMGUI_EXPORT int32_t LgImgui_IsItemClicked(int32_t button);
LG_IMGUI_EXPORT void LgImgui_GetItemRect(float *x0, float *y0, float *x1, float *y1);
LG_IMGUI_EXPORT int32_t LgImgui_IsMouseDoubleClicked(int32_t button);
LG_IMGUI_EXPORT void LgImgui_SetKeyboardFocusHere(int32_t offset);

/* ---- keyboard (GLFW key codes: GLFW_KEY_A = 65, GLFW_KEY_F1 = 290, ...) ---- */

LG_IMGUI_EXPORT int32_t LgImgui_IsKeyPressed(int32_t glfwKey, int32_t repeat);
LG_IMGUI_EXPORT int32_t LgImgui_IsKeyDown(int32_t glfwKey);

/* ---- drawing into the current window's draw list (screen coordinates) ---- */

LG_IMGUI_EXPORT void LgImgui_DrawLine(float x0, float y0, float x1, float y1, uint32_t color, float thickness);
LG_IMGUI_EXPORT void LgImgui_DrawRect(float x0, float y0, float x1, float y1, uint32_t color, float rounding, float thickness);
LG_IMGUI_EXPORT void LgImgui_DrawRectFilled(float x0, float y0, float x1, float y1, uint32_t color, float rounding);
LG_IMGUI_EXPORT void LgImgui_DrawCircle(float cx, float cy, float radius, uint32_t color, int32_t segments, float thickness);
LG_IMGUI_EXPORT void LgImgui_DrawCircleFilled(float cx, float cy, float radius, uint32_t color, int32_t segments);
/* A triangle with a colour per corner (ImGui interpolates), e.g. one slice of a colour wheel. */
LG_IMGUI_EXPORT void LgImgui_DrawTriangleGradient(float x0, float y0, uint32_t c0, float x1, float y1, uint32_t c1,
                                                  float x2, float y2, uint32_t c2);
LG_IMGUI_EXPORT void LgImgui_DrawText(float x, float y, uint32_t color, const char *text, const char *textEnd);
LG_IMGUI_EXPORT void LgImgui_DrawImage(uint32_t glTexture, float x0, float y0, float x1, float y1, float u0, float v0,
                                       float u1, float v1, uint32_t tint);
LG_IMGUI_EXPORT void LgImgui_PushClipRect(float x0, float y0, float x1, float y1, int32_t intersect);
LG_IMGUI_EXPORT void LgImgui_PopClipRect(void);

#ifdef __cplusplus
}
#endif

#endif /* LG_IMGUI_H */
