import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { presentUser } from '../presenters/auth-presenter.ts';
import { createUserBody, pageQuery, updateUserBody, userIdParam } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';

export function userRoutes(useCases: HttpUseCases) {
  return new Hono<AppEnv>()
    .use(authenticate(useCases))
    .get('/', validate('query', pageQuery), async (c) => {
      const { users, total } = await useCases.listUsers.execute(c.get('actor'), c.req.valid('query'));
      c.header('X-Total-Count', String(total));
      return c.json(users.map(presentUser));
    })
    .post('/', validate('json', createUserBody), async (c) => {
      const body = c.req.valid('json');
      const user = await useCases.createUser.execute(c.get('actor'), {
        username: body.username,
        email: body.email,
        password: body.password,
        fullName: body.full_name,
        role: body.role,
      });
      return c.json(presentUser(user), 201);
    })
    .get('/:user_id', validate('param', userIdParam), async (c) => {
      return c.json(presentUser(await useCases.getUser.execute(c.get('actor'), c.req.valid('param').user_id)));
    })
    .patch('/:user_id', validate('param', userIdParam), validate('json', updateUserBody), async (c) => {
      const body = c.req.valid('json');
      const user = await useCases.updateUser.execute(c.get('actor'), c.req.valid('param').user_id, {
        email: body.email,
        fullName: body.full_name,
        role: body.role,
        isActive: body.is_active,
        password: body.password,
        currentPassword: body.current_password,
      });
      return c.json(presentUser(user));
    })
    .delete('/:user_id', validate('param', userIdParam), async (c) => {
      await useCases.deactivateUser.execute(c.get('actor'), c.req.valid('param').user_id);
      return c.body(null, 204);
    });
}
