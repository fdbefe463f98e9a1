package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// todoField is a TodoMVC header as apps that render later build it: the todo
// is added on Enter's keyup, from the model the field's input events keep, and
// the field is cleared (and the list drawn) when the app next renders, by
// defer: mithril's redraw on the next animation frame, Vue 0.10's nextTick
// (setTimeout 0), a promise's microtask.
func todoField(deferred string) string {
	return `<input id="new-todo" placeholder="What needs to be done?" autofocus>
<ul id="todo-list"></ul>
<script>
const field = document.getElementById('new-todo'), list = document.getElementById('todo-list');
let model = '';
const later = (f) => ` + deferred + `;
field.addEventListener('input', () => { model = field.value; });
field.addEventListener('keyup', (e) => {
  if (e.key !== 'Enter' || !model.trim()) return;
  const title = model.trim();
  rec('add:' + title);
  later(() => { model = ''; field.value = ''; const li = document.createElement('li'); li.textContent = title; list.append(li); });
});
</script>`
}

// Typing right after a key press waits for the page to show that key's
// effect, as a person does: the second todo is "Walk the dog", not "Buy
// milkWalk the dog" (which the animation frame and timer pages added before
// Type waited).
func TestTypeAfterAKeyWaitsForThePageToRender(t *testing.T) {
	t.Parallel()
	for name, deferred := range map[string]string{
		"animation frame": `requestAnimationFrame(f)`,
		"timer":           `setTimeout(f, 0)`,
		"microtask":       `Promise.resolve().then(f)`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": todoField(deferred)})
			if err := p.Click(ctx, support.Loc("What needs to be done?")); err != nil {
				t.Fatal(err)
			}
			for _, todo := range []string{"Buy milk", "Walk the dog", "Pay rent"} {
				if err := p.Type(ctx, todo); err != nil {
					t.Fatal(err)
				}
				if err := p.Press(ctx, "Enter"); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.ExpectCount(ctx, support.Loc("#todo-list li"), 3); err != nil {
				t.Error(err)
			}
			wantEvents(t, p, "add:Buy milk", "add:Walk the dog", "add:Pay rent")
		})
	}
}
